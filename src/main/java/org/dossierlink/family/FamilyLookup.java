package org.dossierlink.family;

import java.util.List;
import java.util.Objects;

import org.dossierlink.NotFoundException;
import org.dossierlink.dossier.DossierStore;
import org.dossierlink.dossier.DossierStore.PriorityLinks;
import org.dossierlink.dossier.PriorityIndex;
import org.dossierlink.number.NormalizedNumber;
import org.dossierlink.number.NumberType;

/**
 * Family lookup from any number: finds the application to start from, then resolves its simple or
 * extended family.
 *
 * <ul>
 *   <li>APPLICATION: the application with that key.</li>
 *   <li>PUBLICATION: the application with a publication of that country+number (any kind); if
 *       several applications share it, the first by key.</li>
 *   <li>PRIORITY: the application whose own key it is (the first filing) if stored; otherwise
 *       among those claiming it, the first by key whose only priority it is, else the first by
 *       key. For an extended family every choice gives the same family.</li>
 * </ul>
 *
 * <p>Finding the starting application and its family reads one state of the family index
 * ({@link DossierStore#readPriorityIndex}); the members' records are read after it.
 */
public final class FamilyLookup {

    private final DossierStore store;
    private final SimpleFamilyResolver simple;
    private final ExtendedFamilyResolver extended;

    public FamilyLookup(DossierStore store) {
        this(store, FamilyResolver.DEFAULT_MAX_MEMBERS);
    }

    public FamilyLookup(DossierStore store, int maxMembers) {
        this.store = Objects.requireNonNull(store, "store");
        this.simple = new SimpleFamilyResolver(store, maxMembers);
        this.extended = new ExtendedFamilyResolver(store, maxMembers);
    }

    /**
     * @throws NotFoundException (field "number") when no stored application matches
     */
    public Family lookup(NormalizedNumber number, FamilyType type) {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(type, "type");
        // a publication is looked up in the store's publication index, outside the family index's read
        String byPublication = number.type() == NumberType.PUBLICATION ? startingApplication(number) : null;
        Start found = store.readPriorityIndex(index -> {
            String start = byPublication != null ? byPublication : startingApplication(index, number);
            return new Start(start, type == FamilyType.SIMPLE
                    ? simple.closure(index, start) : extended.closure(index, start));
        });
        return found.closure().family(store, type, found.key());
    }

    private record Start(String key, PriorityGraph.Closure closure) {
    }

    /** The key of the stored application a lookup of {@code number} starts from. */
    public String startingApplication(NormalizedNumber number) {
        Objects.requireNonNull(number, "number");
        return number.type() == NumberType.PUBLICATION ? startingApplication(store, number)
                : store.readPriorityIndex(index -> startingApplication(index, number));
    }

    private String startingApplication(PriorityIndex index, NormalizedNumber number) {
        String key = number.key();
        switch (number.type()) {
            case APPLICATION:
                if (index.linksByApplications(List.of(key)).isEmpty()) {
                    throw new NotFoundException("No application " + number.docdb() + " in this store. Check the"
                            + " number, or look it up as a publication or priority number.", "number");
                }
                return key;
            case PUBLICATION: {
                List<String> keys = store.applicationKeysByPublication(key);
                if (keys.isEmpty()) {
                    throw new NotFoundException("No application with publication " + number.docdb()
                            + " in this store. Check the number, or look it up as an application or priority"
                            + " number.", "number");
                }
                return keys.get(0);
            }
            case PRIORITY: {
                List<PriorityLinks> links = index.linksByPriorities(List.of(key));
                if (links.isEmpty()) {
                    throw new NotFoundException("No application in this store claims priority " + number.docdb()
                            + " or has that number. Check the number, or look it up as an application or"
                            + " publication number.", "number");
                }
                PriorityLinks onlyThisPriority = null;
                for (PriorityLinks l : links) {
                    if (l.applicationKey().equals(key)) {
                        return key;
                    }
                    if (onlyThisPriority == null && l.priorityKeys().equals(List.of(key))) {
                        onlyThisPriority = l;
                    }
                }
                return (onlyThisPriority != null ? onlyThisPriority : links.get(0)).applicationKey();
            }
            default:
                throw new IllegalArgumentException("unknown number type " + number.type());
        }
    }
}
