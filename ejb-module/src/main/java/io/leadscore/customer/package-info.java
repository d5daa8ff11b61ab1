/** Accounts (organisations) and contacts (people), which leads may refer to. */
package io.leadscore.customer;
