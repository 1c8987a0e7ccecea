import MTASTSCommands

MTASTSMain.run()
