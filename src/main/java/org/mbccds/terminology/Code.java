package org.mbccds.terminology;

/** A code in its canonical system, with the code normalised the way {@link Terminology} compares codes. */
public record Code(String system, String code) {
}
