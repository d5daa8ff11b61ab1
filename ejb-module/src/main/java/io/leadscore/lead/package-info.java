/** Leads: the entity, its life cycle (open, qualified, disqualified), its schema and its service. */
package io.leadscore.lead;
