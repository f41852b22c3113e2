package io.rillflow.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface whose methods are queries on one {@link Document} type. The processor renders every method to
 * SQL at compile time and generates {@code <Interface>_Impl}; {@code store.queries(Interface.class)} returns it.
 *
 * <pre>{@code
 * @DocumentQueries(Customer.class)
 * public interface CustomerQueries {
 *     Optional<Customer> findByEmail(String email);
 *     List<Customer> findByStatusOrderByEmailAsc(String status);
 *     long countByAgeGreaterThanAndStatusIn(int age, Collection<String> statuses);
 *     @Query("status = :status and age >= :minAge order by since desc limit 50")
 *     List<Customer> vip(String status, int minAge);
 * }
 * }</pre>
 *
 * <p>Method names: a subject ({@code find}, {@code get}, {@code query}, {@code read}, {@code search}, {@code stream},
 * {@code count}, {@code exists}, {@code delete}, {@code remove}, {@code softDelete}), optionally {@code First} or
 * {@code Top<n>}, anything up to {@code By}, then criteria on document properties joined with {@code And} / {@code Or}
 * and an optional {@code OrderBy<Property>[Asc|Desc]...}. A criterion is a property (nested ones concatenated:
 * {@code AddressCity}) followed by an operator: none or {@code Equals}/{@code Is}, {@code Not}, {@code GreaterThan},
 * {@code GreaterThanEqual}, {@code LessThan}, {@code LessThanEqual}, {@code Before}, {@code After}, {@code Between},
 * {@code In}, {@code NotIn}, {@code Containing} (a collection element or a substring), {@code StartingWith},
 * {@code EndingWith}, {@code Like}, {@code IsNull}, {@code IsNotNull}, {@code True}, {@code False}; string criteria
 * may end with {@code IgnoreCase}. Parameters are taken by the criteria in order.
 *
 * <p>Rules the processor enforces (each a compile error on the method, starting
 * {@code Unable to implement query method: Interface.method(args).}):
 *
 * <ul>
 *   <li>every property exists on the document (a close name is suggested) and the operator suits its type;
 *   <li>parameters match the criteria in number and type ({@code In} takes a {@code Collection} of the property's
 *       type); every parameter is used; a last {@code io.rillflow.query.PageRequest} parameter pages the results;
 *   <li>{@code find} methods return {@code List}, {@code Optional}, {@code Stream}, {@code io.rillflow.query.Page}
 *       (with a {@code PageRequest}: the page and the total) or the document itself, of the
 *       document or of a projection record whose components are top-level properties of the same types;
 *       {@code count} returns {@code long} or {@code int}, {@code exists} {@code boolean}, {@code delete}
 *       {@code long}, {@code int} or {@code void};
 *   <li>{@link Query} expressions parse, and name existing properties and parameters.
 * </ul>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface DocumentQueries {
    /** The {@link Document} type the queries read. */
    Class<?> value();
}
