package dev.bursar.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.csv.CsvWriter;
import dev.bursar.planning.Calculation;
import dev.bursar.planning.Term;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a planning {@link Calculation}: a table (formula, inputs, results, notes), JSON naming every term with its
 * exact decimal value as a string, or CSV rows {@code section,term,value,meaning}.
 */
final class CalculationFormatter {

    private CalculationFormatter() {
    }

    static String format(ReportCommand.Format format, Calculation c) {
        return switch (format) {
            case table -> table(c);
            case json -> json(c);
            case csv -> csv(c);
        };
    }

    static String table(Calculation c) {
        StringBuilder sb = new StringBuilder("bursar plan ").append(c.calculator()).append("\n\nformula:\n");
        c.formula().forEach(f -> sb.append("  ").append(f).append('\n'));
        List<Term> all = new ArrayList<>(c.inputs());
        all.addAll(c.results());
        int name = all.stream().mapToInt(t -> t.name().length()).max().orElse(0);
        List<String> values = DecimalColumn.align(all.stream().map(t -> t.value().toPlainString()).toList());
        sb.append("\ninputs:\n");
        for (int i = 0; i < all.size(); i++) {
            if (i == c.inputs().size()) {
                sb.append("\nresults:\n");
            }
            Term t = all.get(i);
            sb.append("  ").append(t.name()).append(" ".repeat(name - t.name().length())).append("  ")
                    .append(values.get(i)).append("  ").append(t.meaning()).append('\n');
        }
        if (!c.notes().isEmpty()) {
            sb.append("\nnotes:\n");
            c.notes().forEach(n -> sb.append("  ").append(n).append('\n'));
        }
        return sb.toString();
    }

    static String json(Calculation c) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("calculator", c.calculator());
        c.formula().forEach(root.withArray("formula")::add);
        ObjectNode inputs = root.putObject("inputs");
        c.inputs().forEach(t -> inputs.put(t.name(), t.value().toPlainString())); // exact decimals as strings
        ObjectNode results = root.putObject("results");
        c.results().forEach(t -> results.put(t.name(), t.value().toPlainString()));
        ObjectNode meanings = root.putObject("meanings");
        c.inputs().forEach(t -> meanings.put(t.name(), t.meaning()));
        c.results().forEach(t -> meanings.put(t.name(), t.meaning()));
        c.notes().forEach(root.withArray("notes")::add);
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String csv(Calculation c) {
        StringBuilder sb = new StringBuilder();
        CsvWriter csv = new CsvWriter(sb);
        csv.row(List.of("section", "term", "value", "meaning"));
        c.inputs().forEach(t -> csv.row(List.of("input", t.name(), t.value(), t.meaning())));
        c.results().forEach(t -> csv.row(List.of("result", t.name(), t.value(), t.meaning())));
        return sb.toString();
    }
}
