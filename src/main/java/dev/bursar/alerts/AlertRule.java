package dev.bursar.alerts;

import java.util.List;

/** One configured rule over the ledger: what is wrong right now. An empty list means the condition does not hold. */
public interface AlertRule {

    /** The configured rule name; unique among an engine's rules, because open alerts are matched back by it. */
    String name();

    List<Finding> evaluate(RuleContext context);
}
