/**
 * Internal: machinery shared by the {@code cipher} and {@code digest} packages. Not part of the
 * library's API: it may change or go away in any release, and code outside this module must not
 * use it.
 */
package dev.cookbook.crypto.internal;
