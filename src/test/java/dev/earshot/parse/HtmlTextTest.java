package dev.earshot.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTextTest {

    @Test
    void keepsParagraphsAndLineBreaksAndDecodesEntities() {
        assertThat(HtmlText.of("<p>one &amp; two</p><p>three<br>four&nbsp;</p>")).isEqualTo("one & two\n\nthree\nfour");
    }

    @Test
    void keepsTheWholeUrlOfALinkWhosePartsAreHidden() {
        assertThat(HtmlText.of("<p><a href=\"https://example.org/a/b\"><span class=\"invisible\">https://</span>"
                + "<span class=\"ellipsis\">example.org/a</span><span class=\"invisible\">/b</span></a></p>"))
                .isEqualTo("https://example.org/a/b");
    }

    @Test
    void plainTextStaysAsItIs() {
        assertThat(HtmlText.of("no markup at all")).isEqualTo("no markup at all");
        assertThat(HtmlText.of("")).isEmpty();
    }
}
