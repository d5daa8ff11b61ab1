/**
 * The deployment's security settings as the application checks them at start-up: a server without users
 * configured refuses to start rather than run with built-in or empty credentials.
 */
package io.leadscore.security;
