package dev.bursar.routing.learned;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The evaluation sets' prompts as the router saw them, shipped so that {@code bursar route eval} runs from the jar
 * alone: per prompt its benchmark, fold, both models' grades, its length and its embedding (int8, scaled by the
 * largest component: cosine to the float vector above 0.999). RouteLLM's data is Apache-2.0; no prompt text ships.
 */
public final class HeldOutSet {

    /** One prompt: {@code embedding} dequantised. */
    public record Item(String benchmark, String id, int fold, double strong, double weak, int chars, float[] embedding) {
    }

    static final String RESOURCE = "/routing/learned-router-heldout.bin.gz";
    private static final int MAGIC = 0x42524831;   // "BRH1"

    private HeldOutSet() {
    }

    static void write(List<Item> items, OutputStream raw) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(raw)))) {
            out.writeInt(MAGIC);
            out.writeInt(items.size());
            for (Item it : items) {
                out.writeUTF(it.benchmark());
                out.writeUTF(it.id());
                out.writeByte(it.fold());
                out.writeFloat((float) it.strong());
                out.writeFloat((float) it.weak());
                out.writeInt(it.chars());
                float max = 0;
                for (float v : it.embedding()) {
                    max = Math.max(max, Math.abs(v));
                }
                float scale = max == 0 ? 1 : max / 127f;
                out.writeFloat(scale);
                out.writeShort(it.embedding().length);
                for (float v : it.embedding()) {
                    out.writeByte(Math.round(v / scale));
                }
            }
        }
    }

    /** The shipped set. */
    public static List<Item> shipped() {
        try (InputStream in = HeldOutSet.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Item> read(InputStream raw) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw)))) {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a held-out set");
            }
            int n = in.readInt();
            List<Item> items = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                String benchmark = in.readUTF();
                String id = in.readUTF();
                int fold = in.readByte();
                double strong = in.readFloat();
                double weak = in.readFloat();
                int chars = in.readInt();
                float scale = in.readFloat();
                float[] v = new float[in.readShort()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = in.readByte() * scale;
                }
                items.add(new Item(benchmark, id, fold, strong, weak, chars, v));
            }
            return items;
        }
    }
}
