'use strict';
// The REPL's dot commands (.break, .clear, .editor, .exit, .help, .load,
// .save) and editor mode, where lines collect until ctrl+d.

const { codes: { ERR_MISSING_ARGS } } = require('internal/errors');
const { Interface } = require('readline');

const kLoading = Symbol('loading');

function turnOnEditorMode(repl) {
  repl.editorMode = true;
  Interface.prototype.setPrompt.call(repl, '');
}

function turnOffEditorMode(repl) {
  repl.editorMode = false;
  repl.setPrompt(repl._initialPrompt);
}

function defineDefaultCommands(repl) {
  repl.defineCommand('break', {
    help: 'Sometimes you get stuck, this gets you out',
    action() {
      this.clearBufferedCommand();
      this.displayPrompt();
    },
  });

  repl.defineCommand('clear', {
    help: repl.useGlobal ? 'Alias for .break' : 'Break, and also clear the local context',
    action() {
      this.clearBufferedCommand();
      if (!this.useGlobal) {
        this.output.write('Clearing context...\n');
        this.resetContext();
      }
      this.displayPrompt();
    },
  });

  repl.defineCommand('exit', {
    help: 'Exit the REPL',
    action() {
      this.close();
    },
  });

  repl.defineCommand('help', {
    help: 'Print this help message',
    action() {
      const names = Object.keys(this.commands).sort();
      const longest = Math.max(...names.map((name) => name.length));
      for (const name of names) {
        const cmd = this.commands[name];
        const spaces = ' '.repeat(longest - name.length + 3);
        this.output.write(`.${name}${cmd.help ? spaces + cmd.help : ''}\n`);
      }
      this.output.write('\nPress Ctrl+C to abort current expression, ' +
                        'Ctrl+D to exit the REPL\n');
      this.displayPrompt();
    },
  });

  repl.defineCommand('save', {
    help: 'Save all evaluated commands in this REPL session to a file',
    action(file) {
      try {
        if (file === '') throw new ERR_MISSING_ARGS('file');
        require('fs').writeFileSync(file, this.lines.join('\n'));
        this.output.write(`Session saved to: ${file}\n`);
      } catch (error) {
        if (error?.code === 'ERR_MISSING_ARGS') this.output.write(`${error.message}\n`);
        else this.output.write(`Failed to save: ${file}\n`);
      }
      this.displayPrompt();
    },
  });

  repl.defineCommand('load', {
    help: 'Load JS from a file into the REPL session',
    action(file) {
      try {
        if (file === '') throw new ERR_MISSING_ARGS('file');
        const fs = require('fs');
        const stats = fs.statSync(file);
        if (stats && stats.isFile()) {
          turnOnEditorMode(this);
          this[kLoading] = true;
          const data = fs.readFileSync(file, 'utf8');
          this.write(data);
          this[kLoading] = false;
          turnOffEditorMode(this);
          this.write('\n');
        } else {
          this.output.write(`Failed to load: ${file} is not a valid file\n`);
        }
      } catch (error) {
        if (error?.code === 'ERR_MISSING_ARGS') this.output.write(`${error.message}\n`);
        else this.output.write(`Failed to load: ${file}\n`);
      }
      this.displayPrompt();
    },
  });

  if (repl.terminal) {
    repl.defineCommand('editor', {
      help: 'Enter editor mode',
      action() {
        turnOnEditorMode(this);
        this.output.write('// Entering editor mode (Ctrl+D to finish, Ctrl+C to cancel)\n');
      },
    });
  }
}

module.exports = { defineDefaultCommands, kLoading, turnOffEditorMode, turnOnEditorMode };
