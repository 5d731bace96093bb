'use strict';

// Node's legacy module name for http's Agent and globalAgent.
const agent = require('internal/http/agent');

module.exports = {
  Agent: agent.Agent,
  get globalAgent() { return agent.globalAgent; },
  set globalAgent(value) { agent.globalAgent = value; },
};
