package dev.bursar.batch;

import dev.bursar.storage.Database;
import dev.bursar.wire.ApiError;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Files of the Batch API: the bytes on disk in the batch folder (one file per id, written through a temporary name
 * and moved into place, so a half-written upload never appears), the metadata in {@code batch_files}. Uploads are
 * copied in chunks: a 200 MB file is never held in memory.
 */
public final class BatchFiles {

    /** OpenAI's limit for a batch input file. */
    public static final long MAX_BYTES = 200L * 1024 * 1024;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;
    private final Path folder;
    private final Clock clock;

    public BatchFiles(Database db, Path folder, Clock clock) {
        this.db = db;
        this.folder = folder;
        this.clock = clock;
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the batch folder " + folder, e);
        }
    }

    public Path folder() {
        return folder;
    }

    /**
     * A new id with OpenAI's prefix ("file-", "batch_"): the time in milliseconds, then random bits, so ids sort by
     * creation (the list's order and cursor) and cannot be guessed.
     */
    static String newId(String prefix) {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return prefix + String.format("%012x", System.currentTimeMillis()) + HexFormat.of().formatHex(b);
    }

    /** An upload being received: its bytes go to a temporary file until {@link #commit}. */
    public final class Upload extends OutputStream {
        private final String id = newId("file-");
        private final Path tmp = folder.resolve(id + ".upload");
        private final OutputStream out;
        private long bytes;

        private Upload() throws IOException {
            out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 64 * 1024);
        }

        @Override
        public void write(int b) throws IOException {
            count(1);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            count(len);
            out.write(b, off, len);
        }

        private void count(long n) {
            bytes += n;
            if (bytes > MAX_BYTES) {
                throw new ApiError(413, "invalid_request_error", "file_too_large", "file",
                        "The file is larger than the 200 MB a batch input file may have.");
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
        }

        /** Drops the bytes received (the request failed). */
        public void discard() {
            try {
                out.close();
            } catch (IOException | RuntimeException ignored) {
                // the file is deleted next
            }
            deleteQuietly(tmp);
        }
    }

    /** Starts receiving an upload (at most {@link #MAX_BYTES}; one byte more is a 413). */
    public Upload receive() {
        try {
            return new Upload();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes a received upload a file (moved into place, then its row): a half-written upload never appears. */
    public FileObject commit(Upload upload, String purpose, String filename, String keyId) {
        try {
            upload.close();
            Files.move(upload.tmp, path(upload.id), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            upload.discard();
            throw new UncheckedIOException(e);
        }
        FileObject f = new FileObject(upload.id, purpose, filename, upload.bytes, clock.instant().getEpochSecond());
        insert(f, keyId);
        return f;
    }

    /** Registers a file the batch runner wrote at {@link #path} (output and error files); replaces an earlier one. */
    FileObject register(String id, String purpose, String filename, String keyId) {
        long bytes;
        try {
            bytes = Files.size(path(id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FileObject f = new FileObject(id, purpose, filename, bytes, clock.instant().getEpochSecond());
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM batch_files WHERE id = ?")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            insertOn(c, f, keyId);
            return null;
        });
        return f;
    }

    private void insert(FileObject f, String keyId) {
        db.transaction(c -> {
            insertOn(c, f, keyId);
            return null;
        });
    }

    private static void insertOn(java.sql.Connection c, FileObject f, String keyId) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO batch_files (id, purpose, filename, bytes,"
                + " created_at, key_id, deleted) VALUES (?, ?, ?, ?, ?, ?, 0)")) {
            ps.setString(1, f.id());
            ps.setString(2, f.purpose());
            ps.setString(3, f.filename());
            ps.setLong(4, f.bytes());
            ps.setLong(5, f.createdAt());
            ps.setString(6, keyId);
            ps.executeUpdate();
        }
    }

    /**
     * A file that exists, was not deleted and belongs to {@code keyId}'s caller: a key sees only its own files (an
     * open-mode caller, {@code keyId} null, sees all), and another key's file looks like no file at all.
     */
    public Optional<FileObject> find(String id, String keyId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, purpose, filename, bytes, created_at, key_id"
                    + " FROM batch_files WHERE id = ? AND deleted = 0")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || (keyId != null && !keyId.equals(rs.getString(6)))) {
                        return Optional.<FileObject>empty();
                    }
                    return Optional.of(new FileObject(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getLong(5)));
                }
            }
        });
    }

    /** The caller's file, or the 404 OpenAI answers for an unknown id. */
    public FileObject get(String id, String keyId) {
        return find(id, keyId).orElseThrow(() -> notFound(id));
    }

    /** Where a file's bytes are. */
    public Path path(String id) {
        if (!id.matches("[A-Za-z0-9_-]{1,100}")) {
            throw notFound(id);
        }
        return folder.resolve(id + ".jsonl");
    }

    /** Marks the caller's file deleted and removes its bytes. */
    public void delete(String id, String keyId) {
        get(id, keyId);
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE batch_files SET deleted = 1 WHERE id = ?")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            return null;
        });
        deleteQuietly(path(id));
    }

    static ApiError notFound(String id) {
        return new ApiError(404, "invalid_request_error", "not_found", null, "No such File object: " + id);
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a stray file in the batch folder costs only disk
        }
    }
}
