package dev.bursar.planning;

import java.math.BigDecimal;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * What a planning calculator prints: its formula, every input it used (given or looked up) and every result, so a
 * reader can redo the arithmetic by hand.
 *
 * @param calculator the command's name, e.g. {@code break-even --rag-vs-finetune}
 * @param formula    the formula, one line per step, in the terms' names
 * @param inputs     the inputs, given or derived from a flag (a catalog price)
 * @param results    the results, in the order the formula computes them
 * @param notes      caveats: where a price came from, what was assumed
 */
public record Calculation(String calculator, List<String> formula, List<Term> inputs, List<Term> results,
                          List<String> notes) {

    public Calculation {
        formula = List.copyOf(formula);
        inputs = List.copyOf(inputs);
        results = List.copyOf(results);
        notes = List.copyOf(notes);
    }

    /** The result named {@code name}. */
    public BigDecimal result(String name) {
        return find(results, name);
    }

    /** The input named {@code name}. */
    public BigDecimal input(String name) {
        return find(inputs, name);
    }

    private static BigDecimal find(List<Term> terms, String name) {
        return terms.stream().filter(t -> t.name().equals(name)).findFirst().map(Term::value)
                .orElseThrow(() -> new NoSuchElementException("no term " + name));
    }
}
