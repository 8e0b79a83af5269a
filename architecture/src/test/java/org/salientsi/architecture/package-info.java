/** The module and package rules of DESIGN.md section 3 as ArchUnit tests, and the proof that each can fail. */
package org.salientsi.architecture;
