package dev.machina.frontend;

import java.io.PrintWriter;
import java.util.List;

/** Plain-text tables with left-aligned columns two spaces apart; the last column is not padded. */
final class Table {
    private Table() {
    }

    static void print(PrintWriter out, List<String[]> rows) {
        int cols = rows.getFirst().length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int c = 0; c < cols; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                sb.append(r[c]);
                if (c < cols - 1) {
                    sb.append(" ".repeat(width[c] - r[c].length() + 2));
                }
            }
            out.println(sb.toString().stripTrailing());
        }
    }
}
