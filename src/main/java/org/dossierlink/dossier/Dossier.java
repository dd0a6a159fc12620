package org.dossierlink.dossier;

import java.util.List;
import java.util.Objects;

/**
 * The canonical bibliographic record of one application: what {@code xsd/dossier.xsd} describes,
 * without the document list (documents are stored and listed separately).
 */
public record Dossier(ApplicationRef application, List<Publication> publications,
                      List<PriorityClaim> priorityClaims, List<LocalizedText> titles,
                      List<Party> applicants, List<Party> inventors,
                      List<Classification> classifications, List<LocalizedText> abstracts,
                      String familyId, String source) {

    public Dossier {
        Objects.requireNonNull(application, "application");
        publications = List.copyOf(publications);
        priorityClaims = List.copyOf(priorityClaims);
        titles = List.copyOf(titles);
        applicants = List.copyOf(applicants);
        inventors = List.copyOf(inventors);
        classifications = List.copyOf(classifications);
        abstracts = List.copyOf(abstracts);
    }
}
