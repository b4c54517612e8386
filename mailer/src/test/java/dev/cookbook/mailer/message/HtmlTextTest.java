package dev.cookbook.mailer.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HtmlTextTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            <p>one</p><p>two</p>                                        | one\\n\\ntwo
            a<br>b<BR/>c                                                | a\\nb\\nc
            <h1>Title</h1>text   with\\n  spaces                       | Title\\n\\ntext with spaces
            <a href="https://x.org/">site</a>                           | site (https://x.org/)
            <a href="https://x.org/">https://x.org/</a>                 | https://x.org/
            <a href="mailto:a@x.org">a@x.org</a>                        | a@x.org
            <a href="cid:img">pic</a>                                   | pic
            &lt;tag&gt; &amp; &quot;q&quot; &#233;&#xe9; &nbsp;x &bogus; | `<tag> & "q" éé  x &bogus;`
            <ul><li>a</li><li>b</li></ul>                               | * a\\n* b
            <head><title>T</title></head><body>B</body>                 | B
            x<script>var a = "<p>";</script>y<style>p{}</style>z        | xyz
            a<!-- <p>hidden</p> -->b                                    | ab
            <pre>  keep\\n   this</pre>after                           | `  keep\\n   this\\n\\nafter`
            <img src="cid:logo" alt="Logo"> text                        | Logo text
            <table><tr><td>a</td><td>b</td></tr></table>                | a b
            """)
    void converts(String html, String text) {
        assertEquals(text.replace("\\n", "\n"), HtmlText.toText(html.replace("\\n", "\n")));
    }
}
