'use strict';
// http2's session-free API: constants, the SETTINGS codec and its errors.
const h=require('http2'); console.log(JSON.stringify(h.getDefaultSettings()));
console.log(h.getPackedSettings({headerTableSize:100, enablePush:false, maxConcurrentStreams:5, initialWindowSize:10, maxFrameSize:16384, maxHeaderListSize:7, enableConnectProtocol:true}).toString('hex'));
console.log(JSON.stringify(h.getUnpackedSettings(h.getPackedSettings({headerTableSize:100, enablePush:true, maxHeaderListSize: 9, enableConnectProtocol:false}))));
try{h.getPackedSettings({maxFrameSize:1})}catch(e){console.log(e.code,e.name,e.message)}
try{h.getPackedSettings({enablePush:1})}catch(e){console.log(e.code,e.name,e.message)}
try{h.getUnpackedSettings(Buffer.alloc(5))}catch(e){console.log(e.code,e.name,e.message)}
try{h.getUnpackedSettings(Buffer.from('000500000001','hex'),{validate:true})}catch(e){console.log(e.code,e.name,e.message)}
try{h.getPackedSettings(1)}catch(e){console.log(e.code,e.message)}
console.log(Object.keys(h.constants).length, typeof h.sensitiveHeaders, h.sensitiveHeaders.toString(), h.getPackedSettings().length);
console.log(h.getUnpackedSettings(Buffer.from('000100000064000a00000005','hex')));
console.log(h.constants.HTTP2_HEADER_STATUS, h.constants.NGHTTP2_CANCEL);
