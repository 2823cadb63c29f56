package io.shotload.report.html;

/** Escaping for text placed into HTML and SVG, in element content and in quoted attribute values alike. */
public final class Html {

    private Html() {}

    /**
     * Escapes {@code &}, {@code <}, {@code >}, {@code "} and {@code '}, which is enough for element content
     * and for attribute values in double or single quotes; {@code null} becomes the empty string.
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int index = 0; index < text.length(); index++) {
            char c = text.charAt(index);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
