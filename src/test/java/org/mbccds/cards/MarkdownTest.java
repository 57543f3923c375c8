package org.mbccds.cards;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownTest {
    @Test
    void plainTextIsReturnedUnchanged() {
        String text = "ER positive 95% (Allred 8)";
        assertThat(Markdown.escape(text)).isSameAs(text);
    }

    @Test
    void markupInRecordTextIsEscapedWhereverItStarts() {
        assertThat(Markdown.escape("HER2 | 3+ *amplified*")).isEqualTo("HER2 \\| 3+ \\*amplified\\*");
        assertThat(Markdown.escape("[x](javascript:alert(1))")).isEqualTo("\\[x\\](javascript:alert(1))");
        assertThat(Markdown.escape("line one\nline two\\")).isEqualTo("line one line two\\\\");
        assertThat(Markdown.escape(null)).isEmpty();
    }
}
