package dev.tulip.peers;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Draws Tulip's ratio to the best peer per workload as a horizontal bar chart (SVG, no dependency). */
final class Chart {
    private Chart() {
    }

    static String svg(List<Workloads.Workload> workloads, Map<String, Double> ratios) {
        int rowH = 26;
        int left = 330;
        int width = 820;
        int plot = width - left - 70;
        double max = 4.0;
        for (double r : ratios.values()) {
            if (!Double.isNaN(r)) {
                max = Math.max(max, Math.min(r, 8.0));
            }
        }
        max = Math.ceil(max);
        int height = 60 + rowH * workloads.size() + 40;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"13\">%n", width, height));
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        s.append("<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">Tulip's figure / best peer's "
                + "(Kotlin coroutines, virtual threads, asyncio); above 1: Tulip leads</text>\n");
        double scale = plot / max;
        int top = 40;
        for (int g = 0; g <= max; g++) {
            double x = left + g * scale;
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n",
                    x, top, x, top + rowH * workloads.size()));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#666\">%d×</text>%n",
                    x, top + rowH * workloads.size() + 16, g));
        }
        for (double mark : new double[] {1.0, 1.25}) {
            double x = left + mark * scale;
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" "
                    + "stroke-dasharray=\"4 3\"/>%n", x, top - 4, x, top + rowH * workloads.size(),
                    mark == 1.0 ? "#444" : "#c60"));
        }
        for (int i = 0; i < workloads.size(); i++) {
            Workloads.Workload w = workloads.get(i);
            double r = ratios.getOrDefault(w.name(), Double.NaN);
            int y = top + i * rowH;
            String label = w.title().replace("`", "") + (w.runtime() ? "" : " (processor)");
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                    left - 8, y + 17, escape(label)));
            if (Double.isNaN(r)) {
                s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#666\">no peer</text>%n", left + 4, y + 17));
                continue;
            }
            double len = Math.min(r, max) * scale;
            String color = r >= 1.25 ? "#2a7" : r >= 1.0 ? "#db3" : "#d43";
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
                    left, y + 4, len, rowH - 8, color));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%.2f%s</text>%n",
                    left + len + 5, y + 17, r, r > max ? " (cut)" : ""));
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
