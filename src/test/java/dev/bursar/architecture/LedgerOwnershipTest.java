package dev.bursar.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One owner for the ledger's schema: only {@code dev.bursar.ledger} writes SQL over its tables (everyone else asks it
 * typed questions), and {@code dev.bursar.storage} is the database alone, knowing none of the features that keep
 * tables in it.
 */
class LedgerOwnershipTest {

    static final Path MAIN = Path.of("src/main/java");
    static final Path LEDGER = MAIN.resolve("dev/bursar/ledger");
    static final Pattern LEDGER_TABLE = Pattern.compile(
            "\\b(usage_events|spend_hourly|spend_daily|spend_monthly|rollup_watermark)\\b");
    private static JavaClasses main;

    @Test
    void only_the_ledger_package_names_the_ledgers_tables_in_sql() {
        List<String> offenders = new ArrayList<>();
        for (Path file : javaFiles(MAIN)) {
            if (file.startsWith(LEDGER)) {
                continue;
            }
            for (String literal : JavaStrings.literals(read(file))) {
                if (LEDGER_TABLE.matcher(literal).find()) {
                    offenders.add(MAIN.relativize(file) + ": \"" + literal + "\"");
                }
            }
        }

        assertThat(offenders).as("SQL over the ledger's tables outside dev.bursar.ledger (add a typed query to"
                + " dev.bursar.ledger.LedgerStats instead)").isEmpty();
    }

    @Test
    void the_scan_sees_the_ledgers_own_sql() {
        // Guards the rule above against passing vacuously (a wrong folder, a literal parser that finds nothing).
        List<String> ledgerLiterals = javaFiles(LEDGER).stream()
                .flatMap(f -> JavaStrings.literals(read(f)).stream())
                .filter(s -> LEDGER_TABLE.matcher(s).find())
                .toList();

        assertThat(ledgerLiterals).anyMatch(s -> s.contains("FROM usage_events"))
                .anyMatch(s -> s.contains("spend_hourly"));
    }

    @Test
    void storage_is_the_database_alone_and_knows_no_feature_that_keeps_tables_in_it() {
        noClasses().that().resideInAPackage("dev.bursar.storage..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.bursar.ledger..", "dev.bursar.auth..",
                        "dev.bursar.budgets..", "dev.bursar.alerts..")
                .because("the ledger, key store, budget store and alert store are wired in the composition root"
                        + " (dev.bursar.Stores, Bursar, the CLI), so storage <-> feature package cycles cannot come back")
                .check(mainClasses());
    }

    @Test
    void storage_uses_no_bursar_package_but_its_config_and_money_so_it_sits_in_no_package_cycle() {
        // config (typed records from YAML) and pricing (which owns Money, the exact amounts storage binds) are
        // leaves: with these rules no cycle can run through storage.
        noClasses().that().resideInAPackage("dev.bursar.storage..")
                .should().dependOnClassesThat(resideInAPackage("dev.bursar..")
                        .and(not(resideInAnyPackage("dev.bursar.storage..", "dev.bursar.config..", "dev.bursar.pricing.."))))
                .check(mainClasses());
        for (String leaf : new String[] {"dev.bursar.config..", "dev.bursar.pricing.."}) {
            noClasses().that().resideInAPackage(leaf)
                    .should().dependOnClassesThat(resideInAPackage("dev.bursar..").and(not(resideInAPackage(leaf))))
                    .check(mainClasses());
        }
    }

    private static synchronized JavaClasses mainClasses() {
        if (main == null) {
            main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("dev.bursar");
        }
        return main;
    }

    private static List<Path> javaFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
