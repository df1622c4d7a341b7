package dev.earshot.parse;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * Plain text of a post's HTML (Mastodon {@code content}, Discourse {@code cooked}): entities decoded, tags dropped,
 * paragraphs and line breaks kept as newlines, and link text whole (Mastodon hides parts of a URL in spans).
 */
public final class HtmlText {

    private static final Set<String> BLOCKS = Set.of("p", "div", "blockquote", "li", "ul", "ol", "pre",
            "h1", "h2", "h3", "h4", "h5", "h6", "aside", "table", "tr");

    private HtmlText() {
    }

    public static String of(String html) {
        StringBuilder text = new StringBuilder();
        Jsoup.parseBodyFragment(html).body().traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode textNode) {
                    text.append(textNode.text());
                } else if (node instanceof Element element && element.nameIs("br")) {
                    text.append('\n');
                } else if (isBlock(node)) {
                    breakLine(text);
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (isBlock(node)) {
                    breakLine(text);
                }
            }
        });
        return text.toString().replaceAll("[ \\t\\x{A0}]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    }

    private static boolean isBlock(Node node) {
        return node instanceof Element element && BLOCKS.contains(element.normalName());
    }

    /** Separates blocks by one blank line, never more. */
    private static void breakLine(StringBuilder text) {
        if (!text.isEmpty() && !text.toString().endsWith("\n\n")) {
            text.append(text.charAt(text.length() - 1) == '\n' ? "\n" : "\n\n");
        }
    }
}
