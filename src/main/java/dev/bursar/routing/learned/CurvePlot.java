package dev.bursar.routing.learned;

import java.util.List;
import java.util.Locale;

/**
 * The quality-against-cost plot of an evaluation as a standalone SVG: the router's curve, the oracle's, random
 * routing (the straight line from the weak model's quality to the strong one's), and both models alone.
 */
public final class CurvePlot {

    private static final int W = 640;
    private static final int H = 440;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;

    private CurvePlot() {
    }

    public static String svg(RouterEval.Result r) {
        double lo = Math.min(r.weakQuality(), r.curve().stream().mapToDouble(CostCurve.Point::quality).min().orElse(0));
        double hi = Math.max(r.strongQuality(), r.oracle().stream().mapToDouble(CostCurve.Point::quality).max().orElse(1));
        double pad = (hi - lo) * 0.08;
        Scale s = new Scale(lo - pad, hi + pad);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", W, H));
        out.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", W, H));
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\">Learned router on %s "
                + "(%d held-out prompts): APGR %.3f</text>%n", LEFT, r.benchmark(), r.testPrompts(), r.apgr()));
        axes(out, s);
        hline(out, s, r.strongQuality(), "#c0392b", "strong model alone");
        hline(out, s, r.weakQuality(), "#7f8c8d", "weak model alone");
        line(out, s, List.of(new CostCurve.Point(0, r.weakQuality()), new CostCurve.Point(1, r.strongQuality())),
                "#95a5a6", "6,4", "random routing");
        line(out, s, r.oracle(), "#27ae60", "2,3", "oracle");
        line(out, s, r.curve(), "#2c3e50", null, "learned router");
        out.append("</svg>\n");
        return out.toString();
    }

    private record Scale(double lo, double hi) {
        double x(double share) {
            return LEFT + share * (W - LEFT - RIGHT);
        }

        double y(double quality) {
            return TOP + (hi - quality) / (hi - lo) * (H - TOP - BOTTOM);
        }
    }

    private static void axes(StringBuilder out, Scale s) {
        out.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM));
        out.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                LEFT, TOP, LEFT, H - BOTTOM));
        for (int p = 0; p <= 100; p += 20) {
            double x = s.x(p / 100.0);
            out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d%%</text>%n",
                    x, H - BOTTOM + 18, p));
        }
        for (int k = 0; k <= 4; k++) {
            double q = s.lo() + (s.hi() - s.lo()) * k / 4;
            out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.3f</text>%n",
                    LEFT - 6, s.y(q) + 4, q));
        }
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">calls to the strong "
                + "model (cost)</text>%n", (LEFT + W - RIGHT) / 2, H - 20));
        out.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%d\" transform=\"rotate(-90 16 %d)\" "
                + "text-anchor=\"middle\">quality</text>%n", (TOP + H - BOTTOM) / 2, (TOP + H - BOTTOM) / 2));
    }

    private static void hline(StringBuilder out, Scale s, double q, String colour, String label) {
        out.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" "
                + "stroke-dasharray=\"2,2\"/>%n", LEFT, s.y(q), W - RIGHT, s.y(q), colour));
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"%s\">%s</text>%n",
                W - RIGHT - 4, s.y(q) - 4, colour, label));
    }

    private static void line(StringBuilder out, Scale s, List<CostCurve.Point> points, String colour, String dash,
                             String label) {
        StringBuilder d = new StringBuilder();
        for (CostCurve.Point p : points) {
            d.append(d.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f", s.x(p.strongShare()),
                    s.y(p.quality())));
        }
        out.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s "
                + "points=\"%s\"><title>%s</title></polyline>%n", colour,
                dash == null ? "" : " stroke-dasharray=\"" + dash + "\"", d, label));
        CostCurve.Point mid = points.get(points.size() / 2);
        out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\">%s</text>%n",
                s.x(mid.strongShare()) + 6, s.y(mid.quality()) + 14, colour, label));
    }
}
