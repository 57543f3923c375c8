package org.mbccds.record;

/** Data that could not be read, said on the cards so nobody mistakes "not read" for "not there". */
public record DataGap(String what, String reason) {
}
