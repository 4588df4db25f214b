// Module Kernel: sources arrive with issue 3.
