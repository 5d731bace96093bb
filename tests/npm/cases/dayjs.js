const dayjs = require('dayjs');
const utc = require('dayjs/plugin/utc');
dayjs.extend(utc);
const d = dayjs.utc('2019-01-25T10:20:30Z');
console.log(d.format('YYYY-MM-DD HH:mm:ss [Z]'), d.add(1, 'month').toISOString(), d.day(), d.isValid());
console.log(dayjs.utc('2020-02-29').diff(dayjs.utc('2019-02-28'), 'day'), dayjs('nope').isValid());
