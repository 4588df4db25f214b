// Module Control: sources arrive with issue 3.
