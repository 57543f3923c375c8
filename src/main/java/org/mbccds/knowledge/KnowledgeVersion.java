package org.mbccds.knowledge;

/**
 * Which knowledge produced a card: the cards/ version and the spec review it was built from, and the source the
 * summary card cites for how the record was read.
 */
public record KnowledgeVersion(String version, String specReviewed, String specName, Rule.Source summarySource) {
    public String describe() {
        return "mbc-cds knowledge " + version + " (" + specName + ", reviewed " + specReviewed + ")";
    }
}
