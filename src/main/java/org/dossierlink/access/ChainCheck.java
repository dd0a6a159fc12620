package org.dossierlink.access;

/**
 * What checking the audit chain found.
 *
 * @param checked        entries read (all of them when the chain is intact)
 * @param firstBrokenSeq the first entry where the chain does not hold, or null when it is intact
 * @param problem        what is wrong there, or null when intact
 */
public record ChainCheck(long checked, Long firstBrokenSeq, String problem) {

    public ChainCheck {
        if ((firstBrokenSeq == null) != (problem == null)) {
            throw new IllegalArgumentException("a broken chain has both a sequence number and a problem");
        }
    }

    public static ChainCheck ok(long checked) {
        return new ChainCheck(checked, null, null);
    }

    public static ChainCheck broken(long checked, long seq, String problem) {
        return new ChainCheck(checked, seq, problem);
    }

    public boolean intact() {
        return firstBrokenSeq == null;
    }
}
