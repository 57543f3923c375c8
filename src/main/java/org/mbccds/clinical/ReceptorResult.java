package org.mbccds.clinical;

public enum ReceptorResult { POSITIVE, NEGATIVE, EQUIVOCAL, UNKNOWN }
