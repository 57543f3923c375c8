package org.mbccds.validation;

/** The input is not something we can validate (not FHIR, an unknown profile); the message says what to send. */
public class InvalidInputException extends RuntimeException {
    public InvalidInputException(String message) {
        super(message);
    }
}
