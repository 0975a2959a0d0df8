package dev.bursar.cli;

import dev.bursar.Stores;
import dev.bursar.attribution.Attribution;
import dev.bursar.auth.CreatedKey;
import dev.bursar.auth.NewKey;
import dev.bursar.auth.VirtualKey;
import dev.bursar.config.ConfigLoader;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Virtual keys, managed directly in the storage `serve` uses (no running gateway needed). */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Create, list and revoke virtual keys.",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
public final class KeysCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("bursar keys: say create, list or revoke (bursar keys --help)");
        return 2;
    }

    static Stores open(String config) {
        return Stores.open(ConfigLoader.resolve(config, System.getenv()).storage());
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a key; its secret is printed once.")
    static final class Create implements Callable<Integer> {
        @Option(names = "--config") String config;
        @Option(names = "--name") String name;
        @Option(names = "--customer") String customer;
        @Option(names = "--team") String team;
        @Option(names = "--feature") String feature;
        @Option(names = {"--environment", "--env"}) String environment;
        @Option(names = "--user") String user;

        @Override
        public Integer call() {
            NewKey spec = new NewKey(name, customer, team, feature, environment, user);
            if (spec.tooLongTag().isPresent()) {
                System.err.println("bursar keys create: --" + spec.tooLongTag().get() + " is longer than "
                        + Attribution.MAX_TAG_LENGTH + " characters, the limit for tag values");
                return 2;
            }
            try (Stores s = open(config)) {
                CreatedKey k = s.keys().create(spec);
                System.out.println("id:     " + k.key().id());
                System.out.println("key:    " + k.secret());
                System.out.println("tags:   customer=" + dash(customer) + " team=" + dash(team) + " feature=" + dash(feature)
                        + " environment=" + dash(environment) + " user=" + dash(user));
                System.out.println("This is the only time the key is shown. Store it now.");
                return 0;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys (never their secrets).")
    static final class ListKeys implements Callable<Integer> {
        @Option(names = "--config") String config;

        @Override
        public Integer call() {
            try (Stores s = open(config)) {
                List<VirtualKey> keys = s.keys().list();
                System.out.printf("%-18s %-14s %-16s %-12s %-12s %-10s %-8s%n", "ID", "PREFIX", "NAME", "CUSTOMER", "FEATURE", "ENV", "STATUS");
                for (VirtualKey k : keys) {
                    System.out.printf("%-18s %-14s %-16s %-12s %-12s %-10s %-8s%n", k.id(), k.prefix(), dash(k.name()),
                            dash(k.customer()), dash(k.feature()), dash(k.environment()), k.revoked() ? "revoked" : "active");
                }
                return 0;
            }
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key by id.")
    static final class Revoke implements Callable<Integer> {
        @Option(names = "--config") String config;
        @Parameters(paramLabel = "ID") String id;

        @Override
        public Integer call() {
            try (Stores s = open(config)) {
                if (!s.keys().revoke(id)) {
                    System.err.println("bursar keys revoke: no key with id '" + id + "' (bursar keys list shows them)");
                    return 1;
                }
                System.out.println("revoked " + id);
                return 0;
            }
        }
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }
}
