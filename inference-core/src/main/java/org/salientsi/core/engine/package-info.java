/**
 * One specification of a selective test ({@link org.salientsi.core.engine.TestSpec}: method, selector,
 * statistic, alternative, noise, search options) and one engine ({@link org.salientsi.core.engine.TestEngine})
 * that runs it on a loaded model: what the command line, the server, the Java facade and the validation
 * studies all use, so that the same options give the same result through every door.
 */
package org.salientsi.core.engine;
