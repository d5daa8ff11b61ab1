/** MicroProfile Health checks: what "ready" means for Leadscore. */
package io.leadscore.health;
