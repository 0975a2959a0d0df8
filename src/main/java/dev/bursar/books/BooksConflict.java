package dev.bursar.books;

/** A change the books refuse because of what is already there: an item bursar.yaml names is read-only. */
public final class BooksConflict extends RuntimeException {
    public BooksConflict(String message) {
        super(message);
    }
}
