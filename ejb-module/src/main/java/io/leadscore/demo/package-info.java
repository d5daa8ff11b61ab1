/**
 * The demo organisation: accounts, contacts and two years of leads with a learnable, noisy relation
 * between their attributes and qualification. Seeded, so the same seed gives the same organisation;
 * streamed, so {@code bench/} can make a million leads with the same code.
 */
package io.leadscore.demo;
