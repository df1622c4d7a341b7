package dev.earshot.respond.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Marking a comment's html_body for "Redact Ticket Comment In Agent Workspace": the texts found, nothing else changed. */
class HtmlRedactionTest {

    private static final String OPEN = "<div class=\"zd-comment\" dir=\"auto\"><p dir=\"auto\">";
    private static final String CLOSE = "</p></div>";

    @Test
    void aLineIsWrappedWhereverItIsAndTheRestStaysByteForByte() {
        String html = OPEN + "2026-03-04T05:12:00Z · sentiment -0.81<br>towed again<br>earshot-post: bluesky:1" + CLOSE
                + OPEN + "towed again" + CLOSE;

        HtmlRedaction.Marked marked = HtmlRedaction.mark(html, List.of("towed again"));

        assertThat(marked.notFound()).isEmpty();
        assertThat(marked.htmlBody()).isEqualTo(OPEN + "2026-03-04T05:12:00Z · sentiment -0.81<br><redact>towed again</redact>"
                + "<br>earshot-post: bluesky:1" + CLOSE + OPEN + "<redact>towed again</redact>" + CLOSE);
        assertThat(unmarked(marked.htmlBody())).isEqualTo(html);
    }

    @Test
    void escapedCharactersAreFoundAsTheReaderSeesThemAndWrappedWithTheirEntities() {
        String text = "Fish & chips <b>cold</b> \"again\" isn't it";
        String html = OPEN + "Fish &amp; chips &lt;b&gt;cold&lt;/b&gt; &quot;again&quot; isn&#39;t it<br>next" + CLOSE;

        HtmlRedaction.Marked marked = HtmlRedaction.mark(html, List.of(text));

        assertThat(marked.notFound()).isEmpty();
        assertThat(marked.htmlBody()).isEqualTo(OPEN + "<redact>Fish &amp; chips &lt;b&gt;cold&lt;/b&gt; &quot;again&quot; "
                + "isn&#39;t it</redact><br>next" + CLOSE);
    }

    @Test
    void anyNamedEntityOfHtmlIsReadAsItsCharacter() {
        String html = OPEN + "Caf&eacute; &ndash; closed &hellip; again<br>next" + CLOSE;

        HtmlRedaction.Marked marked = HtmlRedaction.mark(html, List.of("Café – closed … again"));

        assertThat(marked.notFound()).isEmpty();
        assertThat(marked.htmlBody()).isEqualTo(OPEN + "<redact>Caf&eacute; &ndash; closed &hellip; again</redact><br>next" + CLOSE);
    }

    @Test
    void anAutoLinkedUrlIsRedactedWithItsLinkSoThatTheHrefGoesToo() {
        String url = "https://bsky.example/ramesh/p/1?a=1&b=2";
        String html = OPEN + "line<br><a href=\"https://bsky.example/ramesh/p/1?a=1&amp;b=2\" rel=\"noreferrer\">"
                + "https://bsky.example/ramesh/p/1?a=1&amp;b=2</a><br>marker" + CLOSE;

        HtmlRedaction.Marked marked = HtmlRedaction.mark(html, List.of(url));

        assertThat(marked.htmlBody()).isEqualTo(OPEN + "line<br><a href=\"https://bsky.example/ramesh/p/1?a=1&amp;b=2\" "
                + "rel=\"noreferrer\" redact><redact>https://bsky.example/ramesh/p/1?a=1&amp;b=2</redact></a><br>marker" + CLOSE);
    }

    @Test
    void aUrlInsideTheTextIsPartOfItsLineAndEachStretchBetweenTagsIsWrappedOnItsOwn() {
        String html = OPEN + "see <a href=\"https://x.example/a\" rel=\"noreferrer\">https://x.example/a</a> for <strong>more</strong>"
                + "<br>kept" + CLOSE;

        HtmlRedaction.Marked marked = HtmlRedaction.mark(html, List.of("see https://x.example/a for more"));

        assertThat(marked.htmlBody()).isEqualTo(OPEN + "<redact>see </redact><a href=\"https://x.example/a\" rel=\"noreferrer\" redact>"
                + "<redact>https://x.example/a</redact></a><redact> for </redact><strong><redact>more</redact></strong><br>kept" + CLOSE);
        assertThat(unmarked(marked.htmlBody())).isEqualTo(html);
    }

    @Test
    void aLineDoesNotCrossALineBreakOrParagraphAndSpacesMatchAnyWhitespace() {
        String html = OPEN + "towed<br>again" + CLOSE + "<p>towed&nbsp; again</p><p>towed</p><p>again</p>";

        HtmlRedaction.Marked marked = HtmlRedaction.mark(html, List.of("towed again"));

        assertThat(marked.htmlBody()).isEqualTo(OPEN + "towed<br>again" + CLOSE
                + "<p><redact>towed&nbsp; again</redact></p><p>towed</p><p>again</p>");
    }

    @Test
    void aTextTheBodyDoesNotShowIsReportedAndNothingOfItIsMarked() {
        String html = OPEN + "**bold** as <strong>bold</strong>" + CLOSE;

        HtmlRedaction.Marked marked = HtmlRedaction.mark(html, List.of("not here", "**bold** as **bold**", "text:0123456789ab"));

        assertThat(marked.notFound()).containsExactly("not here", "**bold** as **bold**", "text:0123456789ab");
        assertThat(marked.htmlBody()).isEqualTo(html);
    }

    @Test
    void emojiAndAMarkerFingerprintAreWrappedWhole() {
        String html = OPEN + "Towed 😡 &#128545;<br>earshot-post: bluesky:1 text:0123456789ab text:ba9876543210" + CLOSE;

        HtmlRedaction.Marked marked = HtmlRedaction.mark(html, List.of("Towed 😡 😡", "text:0123456789ab", "text:ba9876543210"));

        assertThat(marked.notFound()).isEmpty();
        assertThat(marked.htmlBody()).isEqualTo(OPEN + "<redact>Towed 😡 &#128545;</redact><br>earshot-post: bluesky:1 "
                + "<redact>text:0123456789ab</redact> <redact>text:ba9876543210</redact>" + CLOSE);
    }

    @Test
    void quotedAngleBracketsInAttributesAndAnAlreadyMarkedLinkAreLeftAlone() {
        String html = "<div title=\"a > b\"><a href=\"https://x.example\" redact>https://x.example</a> a &gt; b</div>";

        HtmlRedaction.Marked marked = HtmlRedaction.mark(html, List.of("https://x.example a > b"));

        assertThat(marked.htmlBody()).isEqualTo("<div title=\"a > b\"><a href=\"https://x.example\" redact>"
                + "<redact>https://x.example</redact></a><redact> a &gt; b</redact></div>");
    }

    @Test
    void theTextsAPlainCommentGivesAreAllFoundInTheHtmlZendeskMakesOfIt() {
        String plain = "@ramesh on bluesky wrote to @CityCareDesk:\n\n2026-03-04T05:12:00Z · sentiment -0.81\n"
                + "Towed AGAIN near MG Road <b>😡</b> & \"why\"\nhttps://bsky.example/ramesh/p/1\nearshot-post: bluesky:1 text:0123456789ab";
        String html = OPEN + "@ramesh on bluesky wrote to @CityCareDesk:</p><p dir=\"auto\">2026-03-04T05:12:00Z · sentiment -0.81<br>"
                + "Towed AGAIN near MG Road &lt;b&gt;😡&lt;/b&gt; &amp; &quot;why&quot;<br><a href=\"https://bsky.example/ramesh/p/1\" "
                + "rel=\"noreferrer\">https://bsky.example/ramesh/p/1</a><br>earshot-post: bluesky:1 text:0123456789ab" + CLOSE;
        List<String> texts = List.of(TicketText.postLines(plain, "bluesky:1").get(0), TicketText.postLines(plain, "bluesky:1").get(1),
                TicketText.fingerprintTokens(plain, "bluesky:1").get(0));

        HtmlRedaction.Marked marked = HtmlRedaction.mark(html, texts);

        assertThat(marked.notFound()).isEmpty();
        assertThat(marked.htmlBody()).contains("<redact>Towed AGAIN near MG Road &lt;b&gt;😡&lt;/b&gt; &amp; &quot;why&quot;</redact>",
                "rel=\"noreferrer\" redact><redact>https://bsky.example/ramesh/p/1</redact></a>",
                "earshot-post: bluesky:1 <redact>text:0123456789ab</redact>");
        assertThat(unmarked(marked.htmlBody())).isEqualTo(html);
    }

    /** What Zendesk compares with the comment: the body without redact tags and attributes. */
    private static String unmarked(String html) {
        return html.replaceAll("</?redact>", "").replace(" redact>", ">");
    }
}
