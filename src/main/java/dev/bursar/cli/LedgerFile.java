package dev.bursar.cli;

import dev.bursar.config.StorageConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Commands that read the ledger refuse to start on a SQLite file that does not exist (opening it would create one). */
final class LedgerFile {

    private LedgerFile() {
    }

    /** True (and says why on {@code err}) when {@code storage} names a SQLite ledger that is not there. */
    static boolean missing(String command, StorageConfig storage, PrintWriter err) {
        if (storage.isPostgres()) {
            return false;
        }
        Path db = Path.of(storage.sqlite() == null ? StorageConfig.DEFAULT_SQLITE : storage.sqlite());
        if (Files.isRegularFile(db)) {
            return false;
        }
        err.println(command + ": no ledger at " + db.toAbsolutePath() + "; run `bursar serve` first"
                + " (or point --config at the bursar.yaml that names your storage)");
        return true;
    }
}
