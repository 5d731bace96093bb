const dotenv = require('dotenv');
console.log(dotenv.parse('A=1\nB="two words"\n# comment\nC=\'single\'\nexport D=4\nE=multi\\nline\n'));
