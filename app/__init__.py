"""App: the answer service, the command line and the Gradio web app."""
