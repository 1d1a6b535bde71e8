package dev.panicattack.signature.datalog;

import dev.panicattack.evidence.Fact;
import dev.panicattack.signature.datalog.RuleLexer.Kind;
import dev.panicattack.signature.datalog.RuleLexer.Token;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Parses one rule file into rules, ground facts and predicate uses; checks each rule's safety. */
final class RuleParser {

    /** A predicate written somewhere with an arity; {@code names} is set for {@code .decl} only. */
    record PredicateUse(String predicate, int arity, Position position, List<String> names) {
    }

    /** A ground fact written in a rule file. */
    record SourceFact(Fact fact, Position position) {
    }

    /** Everything one file contributes to a program. */
    record ParsedFile(List<Rule> rules, List<SourceFact> facts, List<PredicateUse> uses) {
    }

    private static final Pattern PREDICATE = Pattern.compile("[a-z][a-z0-9_]*");

    private final String source;
    private final String text;
    private final List<Token> tokens;
    private int next;
    private final List<Rule> rules = new ArrayList<>();
    private final List<SourceFact> facts = new ArrayList<>();
    private final List<PredicateUse> uses = new ArrayList<>();
    private final Map<String, Integer> rulesPerHead = new HashMap<>();

    private RuleParser(String source, String text) {
        this.source = source;
        this.text = text;
        this.tokens = RuleLexer.tokenize(source, text);
    }

    static ParsedFile parse(String source, String text) {
        RuleParser parser = new RuleParser(source, text);
        parser.file();
        return new ParsedFile(List.copyOf(parser.rules), List.copyOf(parser.facts), List.copyOf(parser.uses));
    }

    private void file() {
        while (peek().kind() != Kind.END) {
            if (peek().kind() == Kind.DECL) {
                declaration();
            } else {
                clause();
            }
        }
    }

    private void declaration() {
        Token decl = advance();
        Token name = expectPredicateName();
        expect("(", "'(' after the declared predicate name");
        List<String> names = new ArrayList<>();
        if (!peek().is(")")) {
            do {
                Token argument = advance();
                if (argument.kind() != Kind.LOWER && argument.kind() != Kind.VARIABLE) {
                    throw argument.position().error("expected an argument name in .decl " + name.text()
                            + ", but found " + argument.describe());
                }
                names.add(argument.text());
            } while (accept(","));
        }
        expect(")", "',' or ')' in .decl " + name.text());
        expect(".", "'.' to end the declaration of " + name.text());
        uses.add(new PredicateUse(name.text(), names.size(), decl.position(), List.copyOf(names)));
    }

    private void clause() {
        Double weight = null;
        String name = null;
        Position annotationPosition = null;
        while (peek().is("@")) {
            Token at = advance();
            annotationPosition = annotationPosition == null ? at.position() : annotationPosition;
            Token key = advance();
            if (key.kind() != Kind.LOWER || !(key.text().equals("weight") || key.text().equals("name"))) {
                throw key.position().error("unknown annotation '@" + key.text() + "'; expected @weight(w) or @name(\"...\")");
            }
            expect("(", "'(' after @" + key.text());
            Token value = advance();
            if (key.text().equals("weight")) {
                if (weight != null) {
                    throw key.position().error("duplicate @weight on one rule; keep only one");
                }
                if (value.kind() != Kind.INTEGER && value.kind() != Kind.DECIMAL) {
                    throw value.position().error("expected a number in @weight(...), but found " + value.describe());
                }
                weight = ((Number) value.value()).doubleValue();
                if (!(weight > 0 && weight <= 1)) {
                    throw value.position().error("@weight must be in (0, 1], but was " + value.text()
                            + "; use a value such as 0.9");
                }
            } else {
                if (name != null) {
                    throw key.position().error("duplicate @name on one rule; keep only one");
                }
                if (value.kind() != Kind.STRING || ((String) value.value()).isBlank()) {
                    throw value.position().error("expected a non-empty string in @name(...), but found "
                            + value.describe());
                }
                name = (String) value.value();
            }
            expect(")", "')' to close @" + key.text());
        }
        Token first = peek();
        Literal.Atom head = atom(true, false);
        List<Literal> body = new ArrayList<>();
        if (accept(":-")) {
            do {
                body.add(literal());
            } while (accept(","));
        }
        Token end = expect(".", body.isEmpty() ? "':-' or '.' after the head " + head
                : "',' or '.' after a body literal");
        if (body.isEmpty()) {
            if (annotationPosition != null) {
                throw annotationPosition.error("annotations apply to rules only, but " + head
                        + " is a fact; remove the annotation or give the fact a body");
            }
            facts.add(new SourceFact(groundFact(head), first.position()));
            return;
        }
        int index = rulesPerHead.merge(head.predicate(), 1, Integer::sum);
        Rule rule = new Rule(name != null ? name : head.predicate() + "#" + index, weight != null ? weight : 1.0,
                first.position(), text.substring(first.start(), end.end()), head, body);
        checkSafety(rule);
        rules.add(rule);
    }

    private Fact groundFact(Literal.Atom head) {
        List<Object> values = new ArrayList<>();
        for (Term term : head.terms()) {
            if (term instanceof Term.Constant constant) {
                values.add(constant.value());
            } else {
                throw term.position().error("unsafe fact: " + head + " contains " + term
                        + "; a fact without a body must be ground (constants only), or add ':- body'");
            }
        }
        return new Fact(head.predicate(), values);
    }

    private Literal literal() {
        Token token = peek();
        if (token.kind() == Kind.LOWER && token.text().equals("not") && peek(1).kind() == Kind.LOWER) {
            advance();
            return atom(false, true);
        }
        if (token.kind() == Kind.LOWER && (peek(1).is("(") || peek(1).is(",") || peek(1).is("."))) {
            return atom(false, false);
        }
        Expression left = expression();
        Token operator = advance();
        Literal.Operator op = switch (operator.kind() == Kind.SYMBOL ? operator.text() : "") {
            case "=" -> Literal.Operator.EQ;
            case "!=" -> Literal.Operator.NE;
            case "<" -> Literal.Operator.LT;
            case "<=" -> Literal.Operator.LE;
            case ">" -> Literal.Operator.GT;
            case ">=" -> Literal.Operator.GE;
            default -> throw operator.position().error("expected a comparison operator (= != < <= > >=) after "
                    + left + ", but found " + operator.describe());
        };
        Expression right = expression();
        return new Literal.Comparison(op, left, right, token.position());
    }

    private Literal.Atom atom(boolean head, boolean negated) {
        Token name = expectPredicateName();
        List<Term> terms = new ArrayList<>();
        if (accept("(") && !accept(")")) {
            do {
                terms.add(head ? headTerm() : term());
            } while (accept(","));
            expect(")", "',' or ')' in the arguments of " + name.text());
        }
        uses.add(new PredicateUse(name.text(), terms.size(), name.position(), null));
        return new Literal.Atom(name.text(), terms, negated, name.position());
    }

    private Token expectPredicateName() {
        Token name = advance();
        if (name.kind() != Kind.LOWER) {
            throw name.position().error("expected a predicate name (lowercase identifier), but found " + name.describe());
        }
        if (!PREDICATE.matcher(name.text()).matches()) {
            throw name.position().error("predicate name '" + name.text()
                    + "' must match [a-z][a-z0-9_]*; use lowercase letters, digits and '_'");
        }
        return name;
    }

    private Term headTerm() {
        Token token = peek();
        if (token.kind() == Kind.LOWER && peek(1).is("(")) {
            Term.Aggregate.Kind kind;
            try {
                kind = Term.Aggregate.Kind.valueOf(token.text().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw token.position().error("unknown aggregate '" + token.text() + "'; expected count, sum, min or max");
            }
            advance();
            advance();
            Token variable = advance();
            if (variable.kind() != Kind.VARIABLE || variable.text().equals("_")) {
                throw variable.position().error("expected a named variable in " + token.text() + "(...), but found "
                        + variable.describe());
            }
            expect(")", "')' to close " + token.text() + "(" + variable.text());
            return new Term.Aggregate(kind, new Term.Variable(variable.text(), variable.position()), token.position());
        }
        return term();
    }

    private Term term() {
        Token token = advance();
        switch (token.kind()) {
            case VARIABLE:
                return new Term.Variable(token.text(), token.position());
            case LOWER:
            case STRING:
            case INTEGER:
            case DECIMAL:
                return new Term.Constant(token.value(), token.position());
            case SYMBOL:
                if (token.is("-") && (peek().kind() == Kind.INTEGER || peek().kind() == Kind.DECIMAL)) {
                    Token number = advance();
                    Object value = number.value() instanceof Long l ? (Object) (-l) : (Object) (-(Double) number.value());
                    return new Term.Constant(value, token.position());
                }
                break;
            default:
                break;
        }
        throw token.position().error("expected a term (variable, number, string or symbol), but found " + token.describe());
    }

    private Expression expression() {
        Expression left = product();
        while (peek().is("+") || peek().is("-")) {
            Token operator = advance();
            left = new Expression.Binary(operator.text().charAt(0), left, product(), operator.position());
        }
        return left;
    }

    private Expression product() {
        Expression left = unary();
        while (peek().is("*") || peek().is("/")) {
            Token operator = advance();
            left = new Expression.Binary(operator.text().charAt(0), left, unary(), operator.position());
        }
        return left;
    }

    private Expression unary() {
        if (peek().is("-")) {
            Token minus = advance();
            return new Expression.Negated(unary(), minus.position());
        }
        if (accept("(")) {
            Expression inner = expression();
            expect(")", "')' to close the parenthesis");
            return inner;
        }
        Token token = peek();
        if (token.kind() == Kind.LOWER && peek(1).is("(")) {
            throw token.position().error("expected a term or a parenthesised expression, but found the atom "
                    + token.text() + "(...) inside a comparison; atoms cannot be nested");
        }
        return new Expression.Leaf(term());
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(next + ahead, tokens.size() - 1));
    }

    private Token advance() {
        Token token = tokens.get(next);
        if (token.kind() != Kind.END) {
            next++;
        }
        return token;
    }

    private boolean accept(String symbol) {
        if (peek().is(symbol)) {
            next++;
            return true;
        }
        return false;
    }

    private Token expect(String symbol, String what) {
        Token token = peek();
        if (!token.is(symbol)) {
            throw token.position().error("expected " + what + ", but found " + token.describe());
        }
        return advance();
    }

    /** Range restriction: every variable of the head, a negation or a comparison must be bound. */
    static void checkSafety(Rule rule) {
        Set<String> bound = new LinkedHashSet<>();
        for (Literal literal : rule.body()) {
            if (literal instanceof Literal.Atom atom && !atom.negated()) {
                for (Term term : atom.terms()) {
                    if (term instanceof Term.Variable variable && !variable.anonymous()) {
                        bound.add(variable.name());
                    }
                }
            }
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Literal literal : rule.body()) {
                if (literal instanceof Literal.Comparison comparison) {
                    String assigned = assignedVariable(comparison, bound);
                    if (assigned != null) {
                        bound.add(assigned);
                        grew = true;
                    }
                }
            }
        }
        for (Literal literal : rule.body()) {
            if (literal instanceof Literal.Atom atom && atom.negated()) {
                for (Term term : atom.terms()) {
                    if (term instanceof Term.Variable variable && !variable.anonymous() && !bound.contains(variable.name())) {
                        throw variable.position().error("unsafe rule: variable '" + variable.name()
                                + "' appears only in a negated atom; bind it in a positive atom of the body");
                    }
                }
            } else if (literal instanceof Literal.Comparison comparison) {
                checkComparison(comparison, comparison.left(), bound);
                checkComparison(comparison, comparison.right(), bound);
            }
        }
        for (Term term : rule.head().terms()) {
            Term.Variable variable = term instanceof Term.Aggregate aggregate ? aggregate.variable()
                    : term instanceof Term.Variable plain ? plain : null;
            if (variable == null) {
                continue;
            }
            if (variable.anonymous()) {
                throw variable.position().error("unsafe rule: anonymous variable '_' in the head of "
                        + rule.headPredicate() + "; name the variable and bind it in a positive atom of the body");
            }
            if (!bound.contains(variable.name())) {
                throw variable.position().error("unsafe rule: head variable '" + variable.name()
                        + "' is not bound by the body; bind it in a positive atom of the body");
            }
        }
    }

    private static void checkComparison(Literal.Comparison comparison, Expression side, Set<String> bound) {
        if (side instanceof Expression.Leaf leaf && leaf.term() instanceof Term.Variable variable) {
            if (variable.anonymous()) {
                throw variable.position().error("unsafe rule: anonymous variable '_' in comparison '" + comparison
                        + "'; use a named variable bound in a positive atom");
            }
            if (!bound.contains(variable.name())) {
                throw unboundInComparison(variable, comparison);
            }
        } else if (side instanceof Expression.Binary binary) {
            checkComparison(comparison, binary.left(), bound);
            checkComparison(comparison, binary.right(), bound);
        } else if (side instanceof Expression.Negated negated) {
            checkComparison(comparison, negated.operand(), bound);
        }
    }

    private static RuleException unboundInComparison(Term.Variable variable, Literal.Comparison comparison) {
        return variable.position().error("unsafe rule: variable '" + variable.name() + "' in comparison '"
                + comparison + "' is not bound; bind it in a positive atom of the body or assign it with '"
                + variable.name() + " = expression'");
    }

    /** The variable a comparison assigns given {@code bound}, or null when it only compares. */
    static String assignedVariable(Literal.Comparison comparison, Set<String> bound) {
        if (comparison.operator() != Literal.Operator.EQ) {
            return null;
        }
        String target = unboundVariable(comparison.left(), bound);
        Expression other = comparison.right();
        if (target == null) {
            target = unboundVariable(comparison.right(), bound);
            other = comparison.left();
        }
        if (target == null) {
            return null;
        }
        Set<String> needed = new LinkedHashSet<>();
        other.collectVariables(needed);
        needed.remove("_");
        return !needed.contains(target) && bound.containsAll(needed) && !containsAnonymous(other) ? target : null;
    }

    private static boolean containsAnonymous(Expression expression) {
        Set<String> all = new LinkedHashSet<>();
        expression.collectVariables(all);
        return all.contains("_");
    }

    private static String unboundVariable(Expression side, Set<String> bound) {
        if (side instanceof Expression.Leaf leaf && leaf.term() instanceof Term.Variable variable
                && !variable.anonymous() && !bound.contains(variable.name())) {
            return variable.name();
        }
        return null;
    }
}
