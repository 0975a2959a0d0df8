package dev.bursar.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A running batch's results, appended as they come: a result record ({@code {"i":n,"ok":bool,"line":{...}}}, the
 * output or error file line) written before the line is booked, then a booked record
 * ({@code {"b":n,"in":..,"out":..,"c":"..","s":".."}}). Every record is one unbuffered write, so what was written
 * survives the process being killed; a torn last record is skipped when the file is read back. A line is done when
 * both records are there (or, with only the result, when the ledger has the line's answer).
 */
final class PartFile implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FileOutputStream out;

    private PartFile(FileOutputStream out) {
        this.out = out;
    }

    /** Opens for appending; a torn last record (no newline: the process died mid-write) is ended first. */
    static PartFile append(Path path) {
        try {
            if (Files.exists(path) && Files.size(path) > 0) {
                try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "r")) {
                    f.seek(f.length() - 1);
                    if (f.read() != '\n') {
                        Files.write(path, new byte[] {'\n'}, java.nio.file.StandardOpenOption.APPEND);
                    }
                }
            }
            return new PartFile(new FileOutputStream(path.toFile(), true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void result(int index, boolean ok, ObjectNode line) {
        ObjectNode r = JSON.createObjectNode();
        r.put("i", index);
        r.put("ok", ok);
        r.set("line", line);
        write(r);
    }

    void booked(int index, LineTotals t) {
        ObjectNode r = JSON.createObjectNode();
        r.put("b", index);
        r.put("in", t.inputTokens());
        r.put("out", t.outputTokens());
        r.put("c", t.costUsd().toPlainString());
        r.put("s", t.savedUsd().toPlainString());
        write(r);
    }

    private synchronized void write(ObjectNode record) {
        byte[] bytes = (record.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads every whole record in order; torn or foreign lines are skipped. */
    static void read(Path path, java.util.function.Consumer<JsonNode> each) {
        if (!Files.exists(path)) {
            return;
        }
        try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String s;
            while ((s = r.readLine()) != null) {
                JsonNode n;
                try {
                    n = JSON.readTree(s);
                } catch (IOException torn) {
                    continue;
                }
                if (n != null && n.isObject()) {
                    each.accept(n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException ignored) {
            // every record was written unbuffered
        }
    }
}
