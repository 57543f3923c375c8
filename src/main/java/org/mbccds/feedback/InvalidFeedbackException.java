package org.mbccds.feedback;

import java.util.List;

/**
 * A feedback request we refuse, with every problem found (up to a limit), each naming where it is: {@code feedback},
 * or {@code feedback[2].outcome}. Nothing of a refused request is stored.
 */
public class InvalidFeedbackException extends RuntimeException {
    /** One problem: where ({@code feedback[1].card}; empty for the body itself) and what is wrong. */
    public record Problem(String path, String message) {
        public String text() {
            return path.isEmpty() ? message : path + " " + message;
        }
    }

    private final List<Problem> problems;

    public InvalidFeedbackException(List<Problem> problems) {
        super(problems.isEmpty() ? "invalid feedback" : problems.get(0).text()
                + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
