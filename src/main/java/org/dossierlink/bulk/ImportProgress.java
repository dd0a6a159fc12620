package org.dossierlink.bulk;

/**
 * Progress of a running import, as the listener is told after every item.
 *
 * @param ticket     the run
 * @param itemsDone  items with an outcome (resumed runs count the items done before)
 * @param itemCount  items in the package, or -1 while unknown
 * @param bytesDone  package bytes consumed so far (compressed entry sizes, or the file position)
 * @param bytesTotal the package file's size
 * @param totals     outcomes so far
 */
public record ImportProgress(String ticket, long itemsDone, long itemCount, long bytesDone, long bytesTotal,
                             ImportTotals totals) {
}
