package dev.bursar.providers.sim;

import dev.bursar.config.SimConfig;
import dev.bursar.providers.ChatCall;
import dev.bursar.providers.ProviderError;
import dev.bursar.providers.ProviderException;
import java.util.Random;

/**
 * Draws the fault of each call from a generator seeded with {@link SimConfig#seed()}: every call takes exactly one
 * draw, whatever its kind, so a given seed and call order always yields the same faults. The rates split [0, 1) into
 * bands (429, then 500, then timeout, then cut); a whole call drawn into the cut band answers normally because only a
 * stream can be cut. A {@code sim-fault} hint ({@code 429}, {@code 500}, {@code timeout}, {@code cut}) overrides the
 * draw for that call.
 */
final class SimFaults {

    static final String HINT = "sim-fault";

    private final SimConfig config;
    private final String provider;
    private final Random random;

    SimFaults(String provider, SimConfig config) {
        this.provider = provider;
        this.config = config;
        this.random = new Random(config.seed());
    }

    SimFault next(ChatCall call, boolean canCut) {
        double u;
        synchronized (random) {
            u = random.nextDouble();
        }
        String hint = call.hints().get(HINT);
        return hint != null ? fromHint(hint) : band(u, canCut);
    }

    private SimFault band(double u, boolean canCut) {
        double edge = config.rateLimitRate();
        if (u < edge) {
            return SimFault.RATE_LIMITED;
        }
        edge += config.serverErrorRate();
        if (u < edge) {
            return SimFault.SERVER_ERROR;
        }
        edge += config.timeoutRate();
        if (u < edge) {
            return SimFault.TIMEOUT;
        }
        edge += config.cutStreamRate();
        return u < edge && canCut ? SimFault.CUT : SimFault.NONE;
    }

    private SimFault fromHint(String hint) {
        return switch (hint.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "429" -> SimFault.RATE_LIMITED;
            case "500" -> SimFault.SERVER_ERROR;
            case "timeout" -> SimFault.TIMEOUT;
            case "cut" -> SimFault.CUT;
            case "", "none" -> SimFault.NONE;
            default -> throw new ProviderException(new ProviderError.BadRequest(provider, 400,
                    "unknown sim fault '" + hint + "' (X-Bursar-Sim-Fault): use 429, 500, timeout or cut", null));
        };
    }
}
