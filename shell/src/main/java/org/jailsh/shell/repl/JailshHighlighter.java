package org.jailsh.shell.repl;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import org.jailsh.shell.repl.Tokens.Kind;
import org.jailsh.shell.repl.Tokens.Token;

/**
 * Colours input as it is typed: Groovy keywords, strings, numbers and comments; verbs at the start of a statement;
 * known jail names (as variables, as {@code jail('web')}, or as a verb's argument). A name a jail verb cannot
 * find is underlined red, so {@code start wbe} shows its mistake before Enter.
 */
public final class JailshHighlighter implements Highlighter {

    public static final AttributedStyle KEYWORD = AttributedStyle.BOLD.foreground(AttributedStyle.MAGENTA);
    public static final AttributedStyle STRING = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    public static final AttributedStyle NUMBER = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
    public static final AttributedStyle COMMENT = AttributedStyle.DEFAULT.foreground(AttributedStyle.BRIGHT).faint();
    public static final AttributedStyle VERB = AttributedStyle.BOLD.foreground(AttributedStyle.BLUE);
    public static final AttributedStyle JAIL = AttributedStyle.BOLD.foreground(AttributedStyle.YELLOW);
    public static final AttributedStyle UNKNOWN = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED).underline();

    static final Set<String> KEYWORDS = Set.of("def", "var", "if", "else", "for", "while", "in", "return", "true",
            "false", "null", "new", "try", "catch", "finally", "throw", "switch", "case", "default", "break",
            "continue", "class", "import", "as", "instanceof", "this", "it", "do", "assert");

    /** Verbs that name existing jails in their arguments; an unknown name there is a mistake. */
    private static final Set<String> NEEDS_JAIL = Set.of("start", "stop", "restart", "exec", "console", "destroy",
            "update", "upgrade", "snapshot", "snaplist", "rollback", "info");

    /** Verbs whose every argument is a jail. */
    private static final Set<String> BATCH = Set.of("start", "stop", "restart", "update", "destroy");

    private final Vocabulary words;

    public JailshHighlighter(Vocabulary words) {
        this.words = words;
    }

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        return highlight(buffer);
    }

    public AttributedString highlight(String buffer) {
        Map<String, String> jails = words.jails();
        Set<String> verbs = words.verbs().keySet();
        AttributedStringBuilder out = new AttributedStringBuilder();
        List<Token> tokens = Tokens.of(buffer).all();
        String verb = null;
        boolean statementStart = true;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            AttributedStyle style = AttributedStyle.DEFAULT;
            switch (t.kind()) {
                case STRING -> style = jailString(tokens, i, jails) ? JAIL : STRING;
                case NUMBER -> style = NUMBER;
                case COMMENT -> style = COMMENT;
                case WORD -> {
                    if (statementStart && verbs.contains(t.text())) {
                        style = VERB;
                        verb = t.text();
                    } else if (KEYWORDS.contains(t.text())) {
                        style = KEYWORD;
                    } else if (jails.containsKey(t.text())) {
                        style = JAIL;
                    } else if (t.text().indexOf('.') > 0 && jails.containsKey(t.text().substring(0,
                            t.text().indexOf('.')))) {
                        // web.exec 'ls': the jail as a variable, then its method
                        int dot = t.text().indexOf('.');
                        out.styled(JAIL, t.text().substring(0, dot));
                        out.append(t.text().substring(dot));
                        statementStart = false;
                        continue;
                    } else if (verb != null && NEEDS_JAIL.contains(verb) && !t.text().startsWith("-")
                            && !t.text().equals("ALL") && !jails.isEmpty()
                            && (argumentIndex(tokens, i) == 1 || BATCH.contains(verb))) {
                        style = UNKNOWN;
                    }
                    statementStart = false;
                }
                case PUNCT -> {
                    if ("{};".contains(t.text())) {
                        statementStart = true;
                        verb = null;
                    } else {
                        statementStart = false;
                    }
                }
                case SPACE -> {
                    if (t.text().contains("\n")) {
                        statementStart = true;
                        verb = null;
                    }
                }
                default -> { }
            }
            out.styled(style, t.text());
        }
        return out.toAttributedString();
    }

    /** {@code jail('web')}: a string right after {@code jail(} naming a known jail. */
    private static boolean jailString(List<Token> tokens, int i, Map<String, String> jails) {
        return i >= 2 && tokens.get(i - 1).text().equals("(") && tokens.get(i - 2).text().equals("jail")
                && jails.containsKey(tokens.get(i).unquoted());
    }

    /** Which word of its statement token i is (0 = the verb); only the first argument of a verb is judged
     * where later ones are a command or a snapshot's name. */
    private static int argumentIndex(List<Token> tokens, int i) {
        int n = 0;
        for (int j = i - 1; j >= 0; j--) {
            Token t = tokens.get(j);
            if (t.kind() == Kind.PUNCT && "{};".contains(t.text()) || t.kind() == Kind.SPACE && t.text().contains("\n")) {
                break;
            }
            if (t.kind() == Kind.WORD && !t.text().startsWith("-")) {
                n++;
            }
        }
        return n;
    }
}
