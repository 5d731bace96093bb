'use strict';

// The diagnostics_channel channels net, dgram and http publish on, made on first
// use: at run time, never in the snapshot (channels are weakly held
// objects). Publishers check `hasSubscribers` first, so an unobserved
// channel costs one property read.

let channels = null;

function coreChannels() {
  if (channels === null) {
    const { channel } = require('diagnostics_channel');
    channels = {
      netClientSocket: channel('net.client.socket'),
      netServerSocket: channel('net.server.socket'),
      udpSocket: channel('udp.socket'),
      httpClientRequestStart: channel('http.client.request.start'),
      httpClientResponseFinish: channel('http.client.response.finish'),
      httpServerRequestStart: channel('http.server.request.start'),
      httpServerResponseFinish: channel('http.server.response.finish'),
    };
  }
  return channels;
}

module.exports = { coreChannels };
