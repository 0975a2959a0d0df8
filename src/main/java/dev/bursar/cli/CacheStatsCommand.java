package dev.bursar.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.Stores;
import dev.bursar.cache.CacheReport;
import dev.bursar.config.BursarConfig;
import dev.bursar.config.ConfigException;
import dev.bursar.config.ConfigLoader;
import dev.bursar.ledger.Dimension;
import dev.bursar.ledger.SpendQuery;
import dev.bursar.ledger.TimeRange;
import dev.bursar.pricing.Money;
import dev.bursar.storage.StorageException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bursar cache stats}: hit rates and savings per model and feature, read from the ledger (every replica's
 * hits, whether or not a gateway runs); the same numbers as {@code GET /admin/cache}.
 */
@Command(name = "stats", mixinStandardHelpOptions = true, description = "Cache hit rates and savings per model and feature.")
final class CacheStatsCommand implements Callable<Integer> {

    enum Format { table, json }

    @Option(names = "--config", paramLabel = "FILE") String config;
    @Option(names = "--from", paramLabel = "DATE|INSTANT", description = "default: start of this month (UTC)") String from;
    @Option(names = "--to", paramLabel = "DATE|INSTANT", description = "default: end of this month (UTC)") String to;
    @Option(names = "--format", defaultValue = "table", description = "table or json") Format format;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        try {
            TimeRange range = TimeRange.parse(from, to, java.time.Clock.systemUTC(), "--from", "--to");
            BursarConfig cfg = ConfigLoader.resolve(config, System.getenv());
            if (LedgerFile.missing("bursar cache stats", cfg.storage(), spec.commandLine().getErr())) {
                return 1;
            }
            CacheReport report;
            try (Stores s = Stores.open(cfg.storage())) {
                report = CacheReport.of(s.ledger().spend(new SpendQuery(
                        List.of(Dimension.MODEL, Dimension.FEATURE, Dimension.CACHE), range.from(), range.to())));
            }
            out.print(format == Format.json ? json(range, report) : table(report));
            out.flush();
            return 0;
        } catch (IllegalArgumentException | ConfigException | StorageException e) {
            spec.commandLine().getErr().println("bursar cache stats: " + e.getMessage());
            return 1;
        }
    }

    static String json(TimeRange range, CacheReport report) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("from", range.from().toString());
        root.put("to", range.to().toString());
        root.set("totals", row(mapper, report.totals()));
        ArrayNode rows = root.putArray("rows");
        report.rows().forEach(r -> rows.add(row(mapper, r)));
        return root.toPrettyString() + "\n";
    }

    private static ObjectNode row(ObjectMapper mapper, CacheReport.Row r) {
        ObjectNode n = mapper.createObjectNode();
        n.put("model", r.model());
        n.put("feature", r.feature());
        n.put("requests", r.requests());
        n.put("hits_exact", r.hitsExact());
        n.put("hits_semantic", r.hitsSemantic());
        n.put("misses", r.misses());
        n.put("off", r.off());
        n.put("hit_rate", r.hitRate().toPlainString());
        n.put("cost_usd", Money.plain(r.costUsd()));
        n.put("saved_usd", Money.plain(r.savedUsd()));
        return n;
    }

    static String table(CacheReport report) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"model", "feature", "requests", "hit-exact", "hit-semantic", "miss", "off", "hit rate",
                "cost_usd", "saved_usd"});
        for (CacheReport.Row r : report.rows()) {
            lines.add(cells(r));
        }
        String[] total = cells(report.totals());
        total[0] = "TOTAL";
        total[1] = "";
        lines.add(total);
        int[] width = new int[lines.get(0).length];
        for (String[] l : lines) {
            for (int i = 0; i < l.length; i++) {
                width[i] = Math.max(width[i], l[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] l : lines) {
            for (int i = 0; i < l.length; i++) {
                String cell = l[i];
                sb.append(i < 2 ? String.format("%-" + width[i] + "s", cell) : String.format("%" + width[i] + "s", cell));
                sb.append(i == l.length - 1 ? "\n" : "  ");
            }
        }
        return sb.toString();
    }

    private static String[] cells(CacheReport.Row r) {
        return new String[] {r.model(), r.feature(), Long.toString(r.requests()), Long.toString(r.hitsExact()),
                Long.toString(r.hitsSemantic()), Long.toString(r.misses()), Long.toString(r.off()),
                r.hitRate().movePointRight(2).stripTrailingZeros().toPlainString() + "%", Money.plain(r.costUsd()),
                Money.plain(r.savedUsd())};
    }
}
