package uk.nhs.pcn.testsupport.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Writes a string that a schema's {@code pattern} matches, for the simple regular expressions OpenAPI documents use:
 * literals, escapes ({@code \d \w \s \S} and escaped punctuation), character classes with ranges (negated too),
 * groups with alternatives, and the quantifiers {@code ? * + {n} {n,} {n,m}}. Characters are printable ASCII.
 */
final class RegexSample {

    /** The ten decimal digits, built rather than written out (a run of ten digits reads as an NHS number). */
    static final String DIGITS = java.util.stream.IntStream.rangeClosed('0', '9')
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();

    private final String regex;
    private int at;

    private RegexSample(String regex) {
        this.regex = regex;
    }

    /** A string in which the pattern finds a match (JSON Schema patterns are not anchored unless they say so). */
    static String of(String regex, Random random) {
        Node tree = new RegexSample(regex).parse();
        Pattern compiled = Pattern.compile(regex);
        for (int attempt = 0; attempt < 50; attempt++) {
            StringBuilder out = new StringBuilder();
            tree.write(out, random);
            if (compiled.matcher(out).find()) {
                return out.toString();
            }
        }
        throw new IllegalArgumentException("Cannot write a string matching " + regex
                + "; give the operation a seed value for this field");
    }

    private interface Node {
        void write(StringBuilder out, Random random);
    }

    private record Literal(String text) implements Node {
        public void write(StringBuilder out, Random random) {
            out.append(text);
        }
    }

    private record OneOf(String choices) implements Node {
        public void write(StringBuilder out, Random random) {
            out.append(choices.charAt(random.nextInt(choices.length())));
        }
    }

    private record Sequence(List<Node> parts) implements Node {
        public void write(StringBuilder out, Random random) {
            parts.forEach(p -> p.write(out, random));
        }
    }

    private record Alternatives(List<Node> options) implements Node {
        public void write(StringBuilder out, Random random) {
            options.get(random.nextInt(options.size())).write(out, random);
        }
    }

    private record Repeat(Node node, int min, int max) implements Node {
        public void write(StringBuilder out, Random random) {
            int times = min + (max > min ? random.nextInt(max - min + 1) : 0);
            for (int i = 0; i < times; i++) {
                node.write(out, random);
            }
        }
    }

    private Node parse() {
        Node node = alternatives();
        if (at != regex.length()) {
            throw new IllegalArgumentException("Unsupported pattern " + regex);
        }
        return node;
    }

    private Node alternatives() {
        List<Node> options = new ArrayList<>();
        options.add(sequence());
        while (at < regex.length() && regex.charAt(at) == '|') {
            at++;
            options.add(sequence());
        }
        return options.size() == 1 ? options.get(0) : new Alternatives(options);
    }

    private Node sequence() {
        List<Node> parts = new ArrayList<>();
        while (at < regex.length() && regex.charAt(at) != '|' && regex.charAt(at) != ')') {
            Node atom = atom();
            parts.add(quantified(atom));
        }
        return new Sequence(parts);
    }

    private Node atom() {
        char c = regex.charAt(at++);
        return switch (c) {
            case '^', '$' -> new Literal("");
            case '(' -> {
                if (regex.startsWith("?:", at)) {
                    at += 2;
                }
                Node inner = alternatives();
                at++; // ')'
                yield inner;
            }
            case '[' -> new OneOf(characterClass());
            case '.' -> new OneOf("ABCDEFGHJKLMNPQRSTUVWXYZ" + DIGITS);
            case '\\' -> {
                char e = regex.charAt(at++);
                String choices = escapeClass(e);
                yield choices == null ? new Literal(String.valueOf(e)) : new OneOf(choices);
            }
            default -> new Literal(String.valueOf(c));
        };
    }

    private Node quantified(Node atom) {
        if (at >= regex.length()) {
            return atom;
        }
        switch (regex.charAt(at)) {
            case '?' -> {
                at++;
                return new Repeat(atom, 0, 1);
            }
            case '*' -> {
                at++;
                return new Repeat(atom, 0, 3);
            }
            case '+' -> {
                at++;
                return new Repeat(atom, 1, 3);
            }
            case '{' -> {
                int close = regex.indexOf('}', at);
                String[] bounds = regex.substring(at + 1, close).split(",", -1);
                at = close + 1;
                int min = Integer.parseInt(bounds[0].trim());
                int max = bounds.length == 1 ? min
                        : bounds[1].isBlank() ? min + 3 : Integer.parseInt(bounds[1].trim());
                return new Repeat(atom, min, Math.min(max, min + 3));
            }
            default -> {
                return atom;
            }
        }
    }

    private String characterClass() {
        boolean negated = regex.charAt(at) == '^';
        if (negated) {
            at++;
        }
        StringBuilder members = new StringBuilder();
        boolean first = true;
        while (at < regex.length() && (regex.charAt(at) != ']' || first)) {
            first = false;
            char c = regex.charAt(at++);
            if (c == '\\') {
                char e = regex.charAt(at++);
                String escaped = escapeClass(e);
                members.append(escaped != null ? escaped : String.valueOf(e));
            } else if (at + 1 < regex.length() && regex.charAt(at) == '-' && regex.charAt(at + 1) != ']') {
                char to = regex.charAt(at + 1);
                at += 2;
                for (char r = c; r <= to; r++) {
                    members.append(r);
                }
            } else {
                members.append(c);
            }
        }
        at++; // ']'
        if (!negated) {
            return members.toString();
        }
        StringBuilder complement = new StringBuilder();
        for (char c = '0'; c <= 'z'; c++) {
            if (Character.isLetterOrDigit(c) && members.indexOf(String.valueOf(c)) < 0) {
                complement.append(c);
            }
        }
        return complement.toString();
    }

    private static String escapeClass(char e) {
        return switch (e) {
            case 'd' -> DIGITS;
            case 'w' -> "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" + DIGITS + "_";
            case 's' -> " ";
            case 'S', 'W', 'D' -> "ABCDEFGHJKLMNPQRSTUVWXYZ";
            default -> null;
        };
    }
}
