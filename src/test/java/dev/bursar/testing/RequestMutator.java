package dev.bursar.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.testing.RawHttpClient.Header;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded mutations of valid OpenAI and Anthropic requests for the fuzz test: wrong types, removed and extra fields,
 * deep nesting, huge values, unicode and control characters in strings and header values, broken encodings and
 * bad headers. The same seed gives the same case.
 */
public final class RequestMutator {

    /** One request to send; {@code what} says how it was made, for a failure message. */
    public record Case(String path, List<Header> headers, byte[] body, String what) { }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final List<String> OPENAI = List.of(
            """
            {"model":"gpt-4o-mini","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"hi"}],"max_tokens":20}""",
            """
            {"model":"gpt-4o-mini","stream":true,"stream_options":{"include_usage":true},"temperature":0.5,"user":"u1",
             "metadata":{"customer":"c1","feature":"f"},"messages":[{"role":"user","content":[{"type":"text","text":"hello"}]}]}""",
            """
            {"model":"gpt-4o","max_completion_tokens":30,"messages":[{"role":"user","content":"weather?"},
             {"role":"assistant","content":null,"tool_calls":[{"id":"t1","type":"function","function":{"name":"w","arguments":"{}"}}]},
             {"role":"tool","tool_call_id":"t1","content":"sunny"}],
             "tools":[{"type":"function","function":{"name":"w","parameters":{"type":"object","properties":{}}}}]}""");

    private static final String EMBEDDINGS = """
            {"model":"text-embedding-3-small","input":["a","b"],"encoding_format":"float"}""";

    private static final List<String> ANTHROPIC = List.of(
            """
            {"model":"claude-3-5-haiku-20241022","max_tokens":20,"system":"Be brief.","messages":[{"role":"user","content":"hi"}]}""",
            """
            {"model":"claude-3-5-sonnet-20241022","max_tokens":30,"stream":true,"system":[{"type":"text","text":"s"}],
             "messages":[{"role":"user","content":[{"type":"text","text":"hello"},
               {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}}]},
              {"role":"assistant","content":[{"type":"tool_use","id":"tu1","name":"w","input":{"q":1}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"tu1","content":"ok"}]}],
             "tools":[{"name":"w","description":"d","input_schema":{"type":"object"}}],"tool_choice":{"type":"auto"},
             "stop_sequences":["END"],"temperature":0.2,"top_p":0.9,"metadata":{"user_id":"u"}}""");

    private static final String[] WEIRD_TEXT = {"", " ", "\u0000", "\n", "\r\n", "\t", "\u0007", "\u007f", "\u0085",
        "\u2028", "\ud83d\ude00", "\ud800", "\udfff", "\ufeff", "\uffff", "m\u00fcller", "\u202e", "null", "{}", "[]",
        "'; DROP TABLE usage_events; --", "=HYPERLINK(\"x\")", "%00", "../../etc/passwd", "\\", "\""};

    private final int maxBodyBytes;

    public RequestMutator(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    public Case next(Random r) {
        int pick = r.nextInt(OPENAI.size() + ANTHROPIC.size() + 1);
        boolean anthropic = pick >= OPENAI.size() + 1;
        String base = pick < OPENAI.size() ? OPENAI.get(pick) : pick == OPENAI.size() ? EMBEDDINGS : ANTHROPIC.get(pick - OPENAI.size() - 1);
        String path = anthropic ? "/v1/messages" : pick == OPENAI.size() ? "/v1/embeddings" : "/v1/chat/completions";
        ObjectNode body = parse(base);
        StringBuilder what = new StringBuilder(path);
        int mutations = 1 + r.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            mutateTree(body, r, what);
        }
        byte[] bytes = deepen(body.toString()).getBytes(StandardCharsets.UTF_8);
        if (r.nextInt(8) == 0) {
            bytes = mutateBytes(bytes, r, what);
        }
        return new Case(path, headers(anthropic, r, what), bytes, what.toString());
    }

    private void mutateTree(ObjectNode root, Random r, StringBuilder what) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode target = containers.get(r.nextInt(containers.size()));
        switch (r.nextInt(6)) {
            case 0 -> replaceChild(target, r, what);
            case 1 -> removeChild(target, r, what);
            case 2 -> addChild(target, r, what);
            case 3 -> {
                what.append(" | model=weird");
                root.set("model", r.nextBoolean() ? NODES.textNode(weirdText(r)) : randomValue(r, 0));
            }
            case 4 -> {
                String field = List.of("messages", "max_tokens", "stream", "input", "metadata", "system", "tools", "user").get(r.nextInt(8));
                what.append(" | ").append(field).append("=random");
                root.set(field, randomValue(r, 0));
            }
            default -> replaceChild(target, r, what);
        }
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode() && !node.isEmpty() && out.size() < 200) {
            out.add(node);
            node.forEach(child -> collect(child, out));
        }
    }

    private void replaceChild(JsonNode container, Random r, StringBuilder what) {
        JsonNode value = randomValue(r, 0);
        if (container instanceof ObjectNode o) {
            String field = fieldAt(o, r);
            what.append(" | ").append(field).append(":=").append(abbreviate(value));
            o.set(field, value);
        } else if (container instanceof ArrayNode a) {
            int i = r.nextInt(a.size());
            what.append(" | [").append(i).append("]:=").append(abbreviate(value));
            a.set(i, value);
        }
    }

    private static void removeChild(JsonNode container, Random r, StringBuilder what) {
        if (container instanceof ObjectNode o) {
            String field = fieldAt(o, r);
            what.append(" | -").append(field);
            o.remove(field);
        } else if (container instanceof ArrayNode a) {
            what.append(" | -[]");
            a.remove(r.nextInt(a.size()));
        }
    }

    private void addChild(JsonNode container, Random r, StringBuilder what) {
        JsonNode value = randomValue(r, 0);
        if (container instanceof ObjectNode o) {
            String field = r.nextBoolean() ? weirdText(r) : "x_extra_" + r.nextInt(100);
            what.append(" | +").append(abbreviate(NODES.textNode(field)));
            o.set(field, value);
        } else if (container instanceof ArrayNode a) {
            what.append(" | +[]");
            a.add(value);
        }
    }

    private static String fieldAt(ObjectNode o, Random r) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names.get(r.nextInt(names.size()));
    }

    private JsonNode randomValue(Random r, int depth) {
        return switch (r.nextInt(depth > 2 ? 9 : 12)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(r.nextBoolean());
            case 2 -> NODES.numberNode(r.nextInt(7) - 3);
            case 3 -> NODES.numberNode(new BigInteger(130, r).negate());
            case 4 -> NODES.numberNode(new BigDecimal(r.nextInt(1000) + "E" + (r.nextInt(800) - 400)));
            case 5 -> NODES.numberNode(r.nextDouble() * 1e6);
            case 6, 7 -> NODES.textNode(weirdText(r));
            case 8 -> NODES.textNode("x".repeat(r.nextInt(4) == 0 ? maxBodyBytes + 1 : r.nextInt(5000)));
            case 9 -> nest(r);
            case 10 -> {
                ArrayNode a = NODES.arrayNode();
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    a.add(randomValue(r, depth + 1));
                }
                yield a;
            }
            default -> {
                ObjectNode o = NODES.objectNode();
                o.set(r.nextBoolean() ? "role" : weirdText(r), randomValue(r, depth + 1));
                o.set(r.nextBoolean() ? "content" : "type", randomValue(r, depth + 1));
                yield o;
            }
        };
    }

    /**
     * Deep nesting, up to a few thousand levels: a marker here, written out as text by {@link #deepen} because
     * Jackson will not serialise a tree deeper than 1,000 levels.
     */
    private static JsonNode nest(Random r) {
        int depth = r.nextBoolean() ? r.nextInt(50) : 500 + r.nextInt(2500);
        return NODES.textNode(DEEP + depth + (r.nextBoolean() ? "a" : "o"));
    }

    private static final String DEEP = "\u0001deep:";
    private static final java.util.regex.Pattern DEEP_MARK = java.util.regex.Pattern.compile("\"\\\\u0001deep:(\\d+)([ao])\"");

    private static String deepen(String json) {
        return DEEP_MARK.matcher(json).replaceAll(m -> {
            int depth = Integer.parseInt(m.group(1));
            boolean arrays = m.group(2).equals("a");
            return (arrays ? "[" : "{\"a\":").repeat(depth) + "\"deep\"" + (arrays ? "]" : "}").repeat(depth);
        });
    }

    private static String weirdText(Random r) {
        StringBuilder sb = new StringBuilder();
        int parts = 1 + r.nextInt(3);
        for (int i = 0; i < parts; i++) {
            sb.append(r.nextInt(3) == 0 ? String.valueOf((char) r.nextInt(0x20)) : WEIRD_TEXT[r.nextInt(WEIRD_TEXT.length)]);
        }
        return sb.toString();
    }

    private static byte[] mutateBytes(byte[] b, Random r, StringBuilder what) {
        switch (r.nextInt(6)) {
            case 0 -> {
                what.append(" | truncated");
                return java.util.Arrays.copyOf(b, r.nextInt(b.length));
            }
            case 1 -> {
                what.append(" | byte flipped");
                byte[] c = b.clone();
                c[r.nextInt(c.length)] = (byte) r.nextInt(256);
                return c;
            }
            case 2 -> {
                what.append(" | invalid UTF-8");
                byte[] c = b.clone();
                int at = r.nextInt(c.length);
                c[at] = (byte) (0x80 + r.nextInt(0x80));
                return c;
            }
            case 3 -> {
                what.append(" | UTF-16");
                return new String(b, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16);
            }
            case 4 -> {
                what.append(" | BOM");
                byte[] c = new byte[b.length + 3];
                c[0] = (byte) 0xEF;
                c[1] = (byte) 0xBB;
                c[2] = (byte) 0xBF;
                System.arraycopy(b, 0, c, 3, b.length);
                return c;
            }
            default -> {
                what.append(" | empty");
                return new byte[0];
            }
        }
    }

    private static List<Header> headers(boolean anthropic, Random r, StringBuilder what) {
        List<Header> h = new ArrayList<>();
        h.add(Header.of("Content-Type", r.nextInt(10) == 0 ? contentType(r, what) : "application/json"));
        String key = r.nextInt(12) == 0 ? "wrong-key" : "app-key";
        if (r.nextInt(15) != 0) {
            h.add(anthropic ? Header.of("x-api-key", key) : Header.of("Authorization", "Bearer " + key));
        } else {
            what.append(" | no key");
        }
        if (anthropic) {
            h.add(Header.of("anthropic-version", "2023-06-01"));
        }
        if (r.nextInt(3) == 0) {
            String name = List.of("X-Bursar-Customer", "X-Bursar-Feature", "X-Bursar-Env", "X-Bursar-Prompt-Version",
                    "X-Bursar-User", "X-Bursar-Team", "anthropic-version", "anthropic-beta", "Accept").get(r.nextInt(9));
            byte[] value = headerValue(r);
            what.append(" | header ").append(name).append('=').append(java.util.Arrays.toString(
                    java.util.Arrays.copyOf(value, Math.min(value.length, 12))));
            h.add(new Header(name, value));
        }
        return h;
    }

    private static String contentType(Random r, StringBuilder what) {
        String t = List.of("text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1",
                "APPLICATION/JSON", "", "application/json;;;", "multipart/form-data", "*/*").get(r.nextInt(8));
        what.append(" | content-type ").append(t);
        return t;
    }

    /** Header values: UTF-8 and Latin-1 text, raw high bytes, control characters (but never CR or LF). */
    private static byte[] headerValue(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> "m\u00fcller \ud83d\ude00".getBytes(StandardCharsets.UTF_8);
            case 1 -> "m\u00fcller".getBytes(StandardCharsets.ISO_8859_1);
            case 2 -> new byte[] {'a', 0x00, 'b', 0x07, 0x7f};
            case 3 -> "x".repeat(r.nextInt(20_000)).getBytes(StandardCharsets.US_ASCII);
            default -> {
                byte[] b = new byte[1 + r.nextInt(40)];
                for (int i = 0; i < b.length; i++) {
                    int v = r.nextInt(256);
                    b[i] = (byte) (v == '\r' || v == '\n' ? 'x' : v);
                }
                yield b;
            }
        };
    }

    private static String abbreviate(JsonNode v) {
        String s = v.toString();
        return s.length() > 40 ? s.substring(0, 40) + "…(" + s.length() + ")" : s;
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) Golden.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
